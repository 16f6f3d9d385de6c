using System.Text.Json;
using Understudy.Engine.Tokenization.Loading;

namespace Understudy.Engine.Tokenization;

public sealed partial class HfTokenizer
{
    /// <summary>
    /// Loads <c>tokenizer.json</c> from a model folder, with <c>tokenizer_config.json</c>,
    /// <c>chat_template.jinja</c> and <c>generation_config.json</c> when they are there.
    /// </summary>
    public static HfTokenizer FromFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string tokenizerPath = Path.Combine(directory, "tokenizer.json");
        if (!File.Exists(tokenizerPath))
            throw new FileNotFoundException($"No tokenizer.json in '{directory}'. Point at a Hugging Face model folder that has one.", tokenizerPath);

        string configPath = Path.Combine(directory, "tokenizer_config.json");
        TokenizerConfig config = File.Exists(configPath) ? TokenizerConfig.Parse(File.ReadAllText(configPath), configPath) : TokenizerConfig.Empty;

        string templatePath = Path.Combine(directory, "chat_template.jinja");
        if (File.Exists(templatePath))
        {
            var templates = new Dictionary<string, string>(config.ChatTemplates) { [TokenizerConfig.DefaultTemplateName] = File.ReadAllText(templatePath) };
            config = config with { ChatTemplates = templates };
        }

        string generationPath = Path.Combine(directory, "generation_config.json");
        if (File.Exists(generationPath))
            config = config with { GenerationEosTokenIds = TokenizerConfig.ParseGenerationEosIds(File.ReadAllText(generationPath), generationPath) };

        return Parse(File.ReadAllText(tokenizerPath), config, tokenizerPath);
    }

    /// <summary>Loads a <c>tokenizer.json</c> file and, optionally, its <c>tokenizer_config.json</c>.</summary>
    public static HfTokenizer FromFiles(string tokenizerJsonPath, string? tokenizerConfigPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenizerJsonPath);
        TokenizerConfig config = tokenizerConfigPath is null
            ? TokenizerConfig.Empty
            : TokenizerConfig.Parse(File.ReadAllText(tokenizerConfigPath), tokenizerConfigPath);
        return Parse(File.ReadAllText(tokenizerJsonPath), config, tokenizerJsonPath);
    }

    /// <summary>Builds a tokenizer from <c>tokenizer.json</c> text; <paramref name="origin"/> names it in errors.</summary>
    public static HfTokenizer Parse(string tokenizerJson, TokenizerConfig? config = null, string origin = "tokenizer.json")
    {
        ArgumentNullException.ThrowIfNull(tokenizerJson);
        using JsonDocument document = TokenizerConfig.ParseDocument(tokenizerJson, origin);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new TokenizerFormatException(origin, "the file must hold a JSON object.");

        JsonElement Section(string key) => root.TryGetProperty(key, out JsonElement value) ? value : default;

        return new HfTokenizer(
            new AddedVocabulary(ModelReader.ReadAddedTokens(root, origin)),
            NormalizerReader.Read(Section("normalizer"), "normalizer", origin),
            PreTokenizerReader.Read(Section("pre_tokenizer"), "pre_tokenizer", origin),
            ModelReader.ReadBpe(root, origin),
            DecoderReader.Read(Section("decoder"), "decoder", origin),
            PostProcessorReader.Read(Section("post_processor"), "post_processor", origin),
            config ?? TokenizerConfig.Empty,
            origin);
    }
}
