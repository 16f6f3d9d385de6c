using Tomlyn;
using Tomlyn.Model;

namespace Understudy.ServiceSimulator.Tests.Support;

/// <summary>The bundled example's prompts.toml, rendered the way the pipelines render it ($name placeholders).</summary>
internal static class ExamplePrompts
{
    private static readonly Lazy<TomlTable> Prompts = new(() =>
        TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "ticket-triage", "prompts.toml")))!);

    public static string Eval(string instruction, string humanResponse, string lmResponse) => Render("eval", new()
    {
        ["instruction"] = instruction,
        ["human_response"] = humanResponse,
        ["lm_response"] = lmResponse,
    });

    public static string Synth(string instruction, string response, string topic, int pairs) => Render("synth_data_gen", new()
    {
        ["instruction"] = instruction,
        ["response"] = response,
        ["topic"] = topic,
        ["num_pairs"] = pairs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Understudy.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Understudy.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A table of the example's prompts.toml as the pipelines load it.</summary>
    public static Understudy.Core.Prompts.PromptTemplate Prompt(string section) =>
        Understudy.Core.Prompts.PromptLibrary.Load(Path.Combine(RepositoryRoot(), "examples", "ticket-triage", "prompts.toml")).Get(section);

    /// <summary>The raw <c>prompt</c> of a prompts.toml table.</summary>
    public static string Template(string section) => (string)((TomlTable)Prompts.Value[section])["prompt"];

    private static string Render(string section, Dictionary<string, string> values)
    {
        string template = Template(section);
        // Longest names first so that a name that prefixes another is not replaced inside it.
        return values.OrderByDescending(pair => pair.Key.Length)
            .Aggregate(template, (text, pair) => text.Replace("$" + pair.Key, pair.Value, StringComparison.Ordinal));
    }
}
