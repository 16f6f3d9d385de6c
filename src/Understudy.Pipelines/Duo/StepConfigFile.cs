using Understudy.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// A step's config file as <c>duo</c> uses it: the standalone command's file (or its defaults when no file is
/// named), loaded and validated by the same <see cref="ConfigLoader"/>, with the keys the loop wires (dataset ids,
/// the model under test, role keys) applied on top the way flags are. Wired keys that the file also sets are named
/// in <see cref="Warnings"/>, since the file's value is not used.
/// </summary>
public sealed class StepConfigFile<T> where T : class, new()
{
    private readonly HashSet<string> _fileKeys;

    /// <param name="step">The step's key in the <c>steps:</c> section (for messages).</param>
    /// <param name="path">The file, or empty for the step's defaults.</param>
    public StepConfigFile(string step, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        Step = step;
        Path = string.IsNullOrWhiteSpace(path) ? null : path;
        if (Path is not null && !File.Exists(Path))
        {
            throw new ConfigException($"steps.{step}: config file '{Path}' does not exist (paths are relative to the current folder).");
        }
        _fileKeys = Path is null ? [] : TopLevelKeys(Path);
    }

    /// <summary>The step's key in <c>steps:</c>.</summary>
    public string Step { get; }

    /// <summary>The file, or null for defaults.</summary>
    public string? Path { get; }

    /// <summary>Wired keys the file sets too (filled by <see cref="Load"/>).</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>Loads the config with <paramref name="wiring"/> (key → value text) applied; the hash covers every value.</summary>
    /// <param name="derivedFromFile">Wired keys whose value the loop computes from the file's own (e.g. synth's per-iteration seed): no warning.</param>
    /// <exception cref="ConfigException">The file or a wired value is invalid; the message names the step.</exception>
    public (T Config, string Hash) Load(IReadOnlyDictionary<string, string> wiring, params IReadOnlyCollection<string> derivedFromFile)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        ArgumentNullException.ThrowIfNull(derivedFromFile);
        Warnings = [.. wiring.Keys.Where(k => _fileKeys.Contains(k) && !derivedFromFile.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => $"{Path}: key '{k}' is set by duo for each iteration; the file's value is not used")];
        try
        {
            LoadedConfig<T> loaded = ConfigLoader.Load<T>(Path, wiring);
            return (loaded.Config, loaded.Effective.Hash);
        }
        catch (ConfigException e)
        {
            throw new ConfigException([.. e.Problems.Select(p => p with { Message = $"steps.{Step} ({Path ?? "defaults"}): {p.Message}" })]);
        }
    }

    private static HashSet<string> TopLevelKeys(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            try
            {
                yaml.Load(reader);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new ConfigException($"{path}: not valid YAML ({e.Message})");
            }
        }
        return yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode mapping
            ? [.. mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")]
            : [];
    }
}
