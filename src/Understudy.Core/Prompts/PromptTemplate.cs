using System.Security.Cryptography;
using System.Text;

namespace Understudy.Core.Prompts;

/// <summary>
/// One named prompt template (a table of a LlamaDuo-style <c>prompts.toml</c>), rendered with Python
/// <c>string.Template</c> rules. The hash identifies the exact text for provenance, so a dataset records
/// which prompt produced it and training and inference can be checked to use the same one.
/// </summary>
public sealed class PromptTemplate
{
    /// <summary>Creates a template.</summary>
    /// <param name="name">The table name, e.g. <c>eval</c> or <c>synth_data_gen</c>.</param>
    /// <param name="prompt">The template text.</param>
    /// <param name="system">An optional system message template.</param>
    /// <param name="source">Where it was read from, for messages (e.g. <c>config/prompts.toml</c>).</param>
    public PromptTemplate(string name, string prompt, string? system = null, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(prompt);
        Name = name;
        Prompt = prompt;
        System = system;
        Source = source;
        Placeholders = TemplateSubstitution.Placeholders(system is null ? prompt : system + "\n" + prompt);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\0" + (system ?? "") + "\0" + prompt));
        Hash = Convert.ToHexStringLower(digest)[..16];
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The user prompt template text.</summary>
    public string Prompt { get; }

    /// <summary>The system message template, or null.</summary>
    public string? System { get; }

    /// <summary>The file it came from, or null for templates built in code.</summary>
    public string? Source { get; }

    /// <summary>Placeholder names used by the system and prompt templates.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>First 16 hex digits of the SHA-256 of name, system and prompt.</summary>
    public string Hash { get; }

    /// <summary>Renders the prompt; every placeholder needs a value unless <paramref name="safe"/>.</summary>
    /// <exception cref="PromptTemplateException">A placeholder has no value (names the template and placeholder).</exception>
    public string Render(IReadOnlyDictionary<string, string> values, bool safe = false) =>
        TemplateSubstitution.Substitute(Prompt, values, safe, Describe("prompt"));

    /// <summary>Renders the system message, or returns null when the template has none.</summary>
    public string? RenderSystem(IReadOnlyDictionary<string, string> values, bool safe = false) =>
        System is null ? null : TemplateSubstitution.Substitute(System, values, safe, Describe("system"));

    /// <summary>Fails unless every placeholder of the template is among <paramref name="names"/>; call it before a long run.</summary>
    /// <exception cref="PromptTemplateException">Names the placeholders that would have no value.</exception>
    public void EnsureOnly(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var known = names.ToHashSet(StringComparer.Ordinal);
        var unknown = Placeholders.Where(p => !known.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            throw new PromptTemplateException(
                $"{Describe("prompt")}: unknown placeholder {string.Join(", ", unknown.Select(u => $"'${u}'"))}; "
                + $"this step provides {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => $"${k}"))}");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Describe("prompt");

    private string Describe(string part) =>
        (Source is null ? $"[{Name}]" : $"{Source} [{Name}]") + (part == "system" ? " system" : "");
}
