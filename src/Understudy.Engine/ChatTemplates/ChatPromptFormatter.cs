using Understudy.Engine.Tokenization;

namespace Understudy.Engine.ChatTemplates;

/// <summary>
/// A model's one prompt format: its tokenizer, chat template and special tokens. Fine-tuning
/// (<see cref="EncodeForTraining"/>) and inference (<see cref="EncodePrompt"/>) both go through it, so the model
/// is served with exactly the text it was trained on. Rendered text is encoded without adding special tokens
/// (the template writes BOS itself), as <c>apply_chat_template(tokenize=True)</c> does.
/// </summary>
public sealed class ChatPromptFormatter
{
    private static readonly string[] EndOfTurnMarkers = ["<|eot_id|>", "<|eom_id|>", "<|im_end|>", "<end_of_turn>", "<|end|>", "<｜end▁of▁sentence｜>", "</s>"];

    private readonly ITokenizer _tokenizer;
    private readonly string? _bosToken;
    private readonly string? _eosToken;

    /// <summary>Binds a tokenizer and a template; <paramref name="bosToken"/>/<paramref name="eosToken"/> are the strings the template sees.</summary>
    public ChatPromptFormatter(ITokenizer tokenizer, ChatTemplate template, string? bosToken, string? eosToken, IEnumerable<int>? stopTokenIds = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(template);
        _tokenizer = tokenizer;
        Template = template;
        _bosToken = bosToken;
        _eosToken = eosToken;
        StopTokenIds = tokenizer.EosTokenIds.Concat(stopTokenIds ?? []).Distinct().ToList();
    }

    /// <summary>The chat template in use.</summary>
    public ChatTemplate Template { get; }

    /// <summary>Ids that end an assistant turn: the tokenizer's EOS ids plus end-of-turn markers the template writes.</summary>
    public IReadOnlyList<int> StopTokenIds { get; }

    /// <summary>
    /// Uses the tokenizer's own chat template (<c>tokenizer_config.json</c> or <c>chat_template.jinja</c>);
    /// <paramref name="templateName"/> picks one of several named templates (default: "default").
    /// </summary>
    public static ChatPromptFormatter FromTokenizer(HfTokenizer tokenizer, string? templateName = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        string name = templateName ?? TokenizerConfig.DefaultTemplateName;
        if (!tokenizer.Config.ChatTemplates.TryGetValue(name, out string? source))
        {
            string available = tokenizer.Config.ChatTemplates.Count == 0 ? "none" : string.Join(", ", tokenizer.Config.ChatTemplates.Keys);
            throw new InvalidOperationException(
                $"The tokenizer has no chat template named '{name}' (available: {available}). Add chat_template to tokenizer_config.json or a chat_template.jinja file.");
        }
        var stops = EndOfTurnMarkers.Where(m => source.Contains(m, StringComparison.Ordinal))
            .Select(tokenizer.TokenToId).OfType<int>();
        return new ChatPromptFormatter(tokenizer, ChatTemplate.Parse(source, clock), tokenizer.Config.BosToken, tokenizer.Config.EosToken, stops);
    }

    /// <summary>Renders the conversation as text.</summary>
    public string Render(IReadOnlyList<ChatTemplateMessage> messages, bool addGenerationPrompt, IReadOnlyDictionary<string, object?>? extraVariables = null) =>
        Template.Render(messages, addGenerationPrompt, _bosToken, _eosToken, extraVariables);

    /// <summary>The ids to generate from: the conversation so far plus the assistant generation prompt.</summary>
    public IReadOnlyList<int> EncodePrompt(IReadOnlyList<ChatTemplateMessage> messages, IReadOnlyDictionary<string, object?>? extraVariables = null) =>
        _tokenizer.Encode(Render(messages, addGenerationPrompt: true, extraVariables), addSpecialTokens: false);

    /// <summary>
    /// Encodes a conversation that ends with the assistant's answer; the answer (everything the template writes
    /// after the generation prompt, end-of-turn marker included) is the target, the rest is prompt.
    /// </summary>
    public ChatTrainingExample EncodeForTraining(IReadOnlyList<ChatTemplateMessage> messages, IReadOnlyDictionary<string, object?>? extraVariables = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count < 2 || messages[^1].Role != "assistant")
            throw new ArgumentException("A training conversation needs at least one prompt turn and must end with an assistant turn.", nameof(messages));

        string prompt = Render(messages.Take(messages.Count - 1).ToList(), addGenerationPrompt: true, extraVariables);
        string full = Render(messages, addGenerationPrompt: false, extraVariables);
        if (!full.StartsWith(prompt, StringComparison.Ordinal))
            throw new InvalidOperationException(
                "The chat template renders the prompt differently when the answer follows it, so the answer cannot be separated from the prompt. " +
                $"Prompt render: {Preview(prompt)}; full render: {Preview(full)}.");

        IReadOnlyList<int> promptIds = _tokenizer.Encode(prompt, addSpecialTokens: false);
        IReadOnlyList<int> answerIds = _tokenizer.Encode(full[prompt.Length..], addSpecialTokens: false);
        return new ChatTrainingExample(
            [.. promptIds, .. answerIds],
            [.. Enumerable.Repeat(false, promptIds.Count), .. Enumerable.Repeat(true, answerIds.Count)]);
    }

    private static string Preview(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 200 ? text[^200..] : text);
}
