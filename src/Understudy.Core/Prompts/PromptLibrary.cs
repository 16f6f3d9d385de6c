using Tomlyn;
using Tomlyn.Model;
using Understudy.Core.Configuration;

namespace Understudy.Core.Prompts;

/// <summary>
/// The templates of a LlamaDuo-style <c>prompts.toml</c>: each top-level table (any name) holds
/// <c>prompt = """..."""</c> and optionally <c>system = """..."""</c>.
/// </summary>
public sealed class PromptLibrary
{
    private static readonly string[] AllowedKeys = ["prompt", "system"];
    private readonly Dictionary<string, PromptTemplate> _templates;

    /// <summary>Creates a library from templates (names must be unique).</summary>
    public PromptLibrary(IEnumerable<PromptTemplate> templates, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = templates.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Source = source;
    }

    /// <summary>The file the templates came from, or null.</summary>
    public string? Source { get; }

    /// <summary>The table names.</summary>
    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Loads a <c>prompts.toml</c> file.</summary>
    /// <exception cref="PromptTemplateException">The file is missing, is not valid TOML, or a table is malformed.</exception>
    public static PromptLibrary Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new PromptTemplateException($"{path}: prompt template file not found (set prompt_tmpl_path to a prompts.toml)");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses TOML text; <paramref name="source"/> names it in messages.</summary>
    public static PromptLibrary Parse(string toml, string source = "prompts.toml")
    {
        ArgumentNullException.ThrowIfNull(toml);
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            var reason = e.Message.Split(": error : ", 2)[^1].Trim();
            throw new PromptTemplateException($"{source} line {e.Line}: invalid TOML: {reason}");
        }

        var templates = new List<PromptTemplate>();
        foreach (var (name, value) in root)
        {
            if (value is not TomlTable table)
            {
                throw new PromptTemplateException($"{source}: '{name}' must be a table ([{name}]) holding prompt = \"\"\"...\"\"\"");
            }

            var unknown = table.Keys.FirstOrDefault(k => !AllowedKeys.Contains(k, StringComparer.Ordinal));
            if (unknown is not null)
            {
                var nearest = KeySuggester.Nearest(unknown, AllowedKeys);
                var hint = nearest is null ? "" : $" (did you mean '{nearest}'?)";
                throw new PromptTemplateException($"{source} [{name}]: unknown key '{unknown}'{hint}; a template table holds prompt and optionally system");
            }

            templates.Add(new PromptTemplate(name, RequireString(table, "prompt", name, source), OptionalString(table, "system", name, source), source));
        }

        return new PromptLibrary(templates, source);
    }

    /// <summary>The template of a table.</summary>
    /// <exception cref="PromptTemplateException">No such table (names the nearest one).</exception>
    public PromptTemplate Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_templates.TryGetValue(name, out var template))
        {
            return template;
        }

        var nearest = KeySuggester.Nearest(name, _templates.Keys);
        var hint = nearest is null ? $"; it has {string.Join(", ", _templates.Keys.Select(k => $"[{k}]"))}" : $" (did you mean [{nearest}]?)";
        throw new PromptTemplateException($"{Source ?? "prompt library"}: no template [{name}]{hint}");
    }

    private static string RequireString(TomlTable table, string key, string name, string source) =>
        OptionalString(table, key, name, source)
        ?? throw new PromptTemplateException($"{source} [{name}]: missing {key} = \"\"\"...\"\"\"");

    private static string? OptionalString(TomlTable table, string key, string name, string source) =>
        !table.TryGetValue(key, out var value) ? null
        : value as string ?? throw new PromptTemplateException($"{source} [{name}]: {key} must be a string, got {value?.GetType().Name ?? "nothing"}");
}
