namespace Understudy.Pipelines.FineTuning;

/// <summary>Copies the files that make a model folder servable besides its weights: tokenizer, chat template, generation config.</summary>
public static class TokenizerFiles
{
    /// <summary>The files copied when present.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "chat_template.jinja",
        "generation_config.json", "vocab.json", "merges.txt", "tokenizer.model", "added_tokens.json",
    ];

    /// <summary>Copies <see cref="Names"/> from <paramref name="source"/>; a non-empty <paramref name="chatTemplate"/> is written as chat_template.jinja (which takes precedence over tokenizer_config.json's).</summary>
    public static void Copy(string source, string destination, string? chatTemplate)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        Directory.CreateDirectory(destination);
        foreach (string name in Names)
        {
            string from = Path.Combine(source, name);
            if (File.Exists(from)) File.Copy(from, Path.Combine(destination, name), overwrite: true);
        }
        if (!string.IsNullOrEmpty(chatTemplate)) File.WriteAllText(Path.Combine(destination, "chat_template.jinja"), chatTemplate);
    }
}
