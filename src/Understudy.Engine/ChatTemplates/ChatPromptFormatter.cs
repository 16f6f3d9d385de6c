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
    /// Encodes a conversation that ends with the assistant's answer for fine-tuning. The targets are every assistant
    /// turn (with <paramref name="lastTurnOnly"/>, only the final answer): for assistant turn i, what the template
    /// writes after the generation prompt of turns [0, i), end-of-turn marker included. Everything else is prompt.
    /// </summary>
    public ChatTrainingExample EncodeForTraining(IReadOnlyList<ChatTemplateMessage> messages,
        IReadOnlyDictionary<string, object?>? extraVariables = null, bool lastTurnOnly = false)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count < 2 || messages[^1].Role != "assistant")
            throw new ArgumentException("A training conversation needs at least one prompt turn and must end with an assistant turn.", nameof(messages));

        string full = Render(messages, addGenerationPrompt: false, extraVariables);
        var spans = new List<(int Start, int End)>();
        for (int i = lastTurnOnly ? messages.Count - 1 : 1; i < messages.Count; i++)
        {
            if (messages[i].Role != "assistant") continue;
            string prompt = Render(messages.Take(i).ToList(), addGenerationPrompt: true, extraVariables);
            string answered = i == messages.Count - 1 ? full : Render(messages.Take(i + 1).ToList(), addGenerationPrompt: false, extraVariables);
            if (!answered.StartsWith(prompt, StringComparison.Ordinal) || !full.StartsWith(answered, StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"The chat template renders the conversation differently once assistant turn {i} is followed by more turns, so that answer cannot be separated from the prompt " +
                    "(train on the last turn only, or use a template whose renders are prefixes of each other). " +
                    $"Prompt render: {Preview(prompt)}; full render: {Preview(answered)}.");
            if (spans.Count > 0 && prompt.Length < spans[^1].End)
                throw new InvalidOperationException($"The chat template's render of assistant turn {i} overlaps the previous answer: {Preview(prompt)}.");
            spans.Add((prompt.Length, answered.Length));
        }

        var ids = new List<int>();
        var isTarget = new List<bool>();
        int position = 0;
        foreach (var (start, end) in spans)
        {
            Append(full[position..start], target: false);
            Append(full[start..end], target: true);
            position = end;
        }
        Append(full[position..], target: false);
        return new ChatTrainingExample(ids, isTarget);

        void Append(string text, bool target)
        {
            if (text.Length == 0) return;
            IReadOnlyList<int> encoded = _tokenizer.Encode(text, addSpecialTokens: false);
            ids.AddRange(encoded);
            isTarget.AddRange(Enumerable.Repeat(target, encoded.Count));
        }
    }

    private static string Preview(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 200 ? text[^200..] : text);
}
