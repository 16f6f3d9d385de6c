using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Understudy.Llm.Generation;

/// <summary>
/// Reads a generation config file (YAML or JSON), accepting the key names of each provider's API:
/// <c>max_tokens</c> / <c>max_output_tokens</c> / <c>max_new_tokens</c>, <c>stop</c> / <c>stop_sequences</c>,
/// <c>response_format</c> / <c>response_mime_type</c>. An unknown key is an error that lists the known ones.
/// </summary>
public static class GenerationConfigFile
{
    private static readonly string[] KnownKeys =
    [
        "temperature", "top_p", "top_k", "max_tokens", "max_output_tokens", "max_new_tokens", "max_completion_tokens",
        "seed", "stop", "stop_sequences", "frequency_penalty", "presence_penalty", "response_format", "response_mime_type",
    ];

    public static GenerationConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The generation config file '{path}' does not exist (service_llm_gen_config_path in the config).", path);
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"The generation config '{path}' is not valid YAML/JSON: {e.Message}", e);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new GenerationConfig();
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"The generation config '{path}' must be a map of settings, e.g. 'max_tokens: 2048'.");
        }

        var config = new GenerationConfig();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var read = new FieldReader(path, key, value);
            config = key switch
            {
                "temperature" => config with { Temperature = read.Float() },
                "top_p" => config with { TopP = read.Float() },
                "top_k" => config with { TopK = read.Int() },
                "max_tokens" or "max_output_tokens" or "max_new_tokens" or "max_completion_tokens" => config with { MaxOutputTokens = read.Int() },
                "seed" => config with { Seed = read.Int() },
                "stop" or "stop_sequences" => config with { StopSequences = read.Strings() },
                "frequency_penalty" => config with { FrequencyPenalty = read.Float() },
                "presence_penalty" => config with { PresencePenalty = read.Float() },
                "response_format" => config with { JsonResponse = read.OneOf("json_object", "text") == "json_object" },
                "response_mime_type" => config with { JsonResponse = read.OneOf("application/json", "text/plain") == "application/json" },
                _ => throw new InvalidDataException(
                    $"The generation config '{path}' has an unknown key '{key}'. Known keys: {string.Join(", ", KnownKeys)}."),
            };
        }

        return config;
    }

    private sealed record FieldReader(string Path, string Key, YamlNode Node)
    {
        private string Scalar() => (Node as YamlScalarNode)?.Value
            ?? throw Bad("a single value");

        public float Float() => float.TryParse(Scalar(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad("a number");

        public int Int() => int.TryParse(Scalar(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad("a whole number");

        public IReadOnlyList<string> Strings() => Node switch
        {
            YamlScalarNode scalar => [scalar.Value ?? ""],
            YamlSequenceNode list => list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw Bad("a list of strings")).ToList(),
            _ => throw Bad("a string or a list of strings"),
        };

        public string OneOf(params string[] allowed)
        {
            var value = Scalar();
            return allowed.Contains(value) ? value : throw Bad($"one of {string.Join(", ", allowed)}");
        }

        private InvalidDataException Bad(string expected) =>
            new($"In the generation config '{Path}', '{Key}' must be {expected} (found: {(Node as YamlScalarNode)?.Value ?? Node.NodeType.ToString()}).");
    }
}
