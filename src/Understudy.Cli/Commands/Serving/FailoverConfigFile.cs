using System.Text.RegularExpressions;
using Understudy.Core.Configuration;
using Understudy.Llm.Failover;

namespace Understudy.Cli.Commands.Serving;

/// <summary>
/// Reads the <c>--failover-config</c> file of <c>understudy serve</c>: a <see cref="FailoverConfig"/> of its own, or a
/// file with a <c>failover:</c> section. Gateway mode turns failover on and uses the served model as the fallback.
/// </summary>
internal static partial class FailoverConfigFile
{
    /// <summary>Loads and validates <paramref name="path"/>; <paramref name="servedModel"/> stands in for <c>fallback_model</c>.</summary>
    /// <exception cref="ArgumentException">The file is missing or invalid; the message names the file and the keys.</exception>
    public static FailoverConfig Load(string path, string servedModel)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--failover-config: '{path}' does not exist.");
        bool section = SectionKey().IsMatch(File.ReadAllText(path));
        string prefix = section ? "failover." : "";
        // Passing the file is what turns failover on; the fallback is the model serve loads, whatever the file names.
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [prefix + "enabled"] = "true",
            [prefix + "fallback_model"] = servedModel,
        };
        try
        {
            FailoverConfig config = section
                ? ConfigLoader.Load<Section>(path, overrides).Config.Failover
                : ConfigLoader.Load<FailoverConfig>(path, overrides).Config;
            if (!string.IsNullOrWhiteSpace(config.FallbackBaseUrl))
            {
                throw new ConfigException($"{prefix}fallback_base_url is set, but in gateway mode the fallback is the model `serve` loads: remove the key.");
            }
            return config;
        }
        catch (ConfigException exception)
        {
            throw new ArgumentException($"--failover-config '{path}': {exception.Message}", exception);
        }
    }

    [GeneratedRegex(@"^failover\s*:", RegexOptions.Multiline)]
    private static partial Regex SectionKey();

    /// <summary>A file holding only a <c>failover:</c> section.</summary>
    private sealed class Section
    {
        [System.ComponentModel.Description("The failover section (see docs/failover.md).")]
        public FailoverConfig Failover { get; set; } = new();
    }
}
