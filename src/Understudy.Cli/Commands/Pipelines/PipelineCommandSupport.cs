using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Workspaces;
using Understudy.Llm.Providers;

namespace Understudy.Cli.Commands.Pipelines;

/// <summary>What the four LlamaDuo commands share: the workspace's dataset store, the service chat client, prompt templates.</summary>
internal static class PipelineCommandSupport
{
    public static IDatasetStore OpenStore(string workspace) => new ParquetDatasetStore(new Workspace(workspace));

    public static ServiceChatClientFactory ChatClients { get; } = new();

    /// <summary>The <c>prompt</c> of table <paramref name="table"/> in a LlamaDuo-style prompts.toml.</summary>
    public static string LoadPrompt(string path, string table)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"prompt_tmpl_path '{path}' does not exist; point it at a prompts.toml with a [{table}] table (see config/prompts.toml).", path);
        }
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path)) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new InvalidDataException($"{path} is not valid TOML: {e.Message}", e);
        }
        if (!document.TryGetValue(table, out object? section) || section is not TomlTable prompts
            || !prompts.TryGetValue("prompt", out object? prompt) || prompt is not string text || string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidDataException(
                $"{path} has no [{table}] table with a non-empty prompt = \"\"\"...\"\"\" (tables present: {string.Join(", ", document.Keys)}).");
        }
        return text;
    }

    public static string Number(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Percent(double share) => double.IsNaN(share) ? "n/a" : share.ToString("P0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
