using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Understudy.Llm.Accounting;

/// <summary>
/// Reads price overrides from a YAML or JSON file mapping model ids to prices per million tokens:
/// <code>
/// gpt-4o-mini: { input_per_million: 0.15, output_per_million: 0.60 }
/// my-finetune: { input_per_million: 0.30, output_per_million: 1.20 }
/// </code>
/// </summary>
public static class ModelPriceFile
{
    /// <summary>The default table with the file's prices laid over it.</summary>
    public static ModelPriceTable LoadOver(ModelPriceTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.With(Read(path));
    }

    /// <summary>The prices in the file; errors name the file, the model and the key.</summary>
    public static IReadOnlyDictionary<string, ModelPrice> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model price file '{path}' does not exist.", path);
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"The model price file '{path}' is not valid YAML/JSON: {e.Message}", e);
        }

        if (yaml.Documents.Count == 0)
        {
            return new Dictionary<string, ModelPrice>();
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"The model price file '{path}' must map model ids to prices, e.g. 'gpt-4o: {{ input_per_million: 2.5, output_per_million: 10 }}'.");
        }

        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Children)
        {
            var model = ((YamlScalarNode)key).Value ?? "";
            if (value is not YamlMappingNode fields)
            {
                throw new InvalidDataException($"In '{path}', the price of '{model}' must be a map with input_per_million and output_per_million.");
            }

            prices[model] = new ModelPrice(Number(path, model, fields, "input_per_million"), Number(path, model, fields, "output_per_million"));
        }

        return prices;
    }

    private static decimal Number(string path, string model, YamlMappingNode fields, string name)
    {
        if (!fields.Children.TryGetValue(new YamlScalarNode(name), out var node))
        {
            throw new InvalidDataException($"In '{path}', the price of '{model}' has no '{name}'.");
        }

        var text = (node as YamlScalarNode)?.Value;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidDataException($"In '{path}', '{model}.{name}' is '{text}', not a non-negative number (USD per million tokens).");
    }
}
