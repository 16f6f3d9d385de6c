using Understudy.Engine.Tokenization.Decoders;
using Understudy.Engine.Tokenization.Loading;
using Understudy.Engine.Tokenization.Models;
using Understudy.Engine.Tokenization.Normalizers;
using Understudy.Engine.Tokenization.PreTokenizers;

namespace Understudy.Engine.Tokenization;

/// <summary>
/// A Hugging Face tokenizer loaded from <c>tokenizer.json</c> (+ <c>tokenizer_config.json</c>): added-token
/// splitting, normalizer, pre-tokenizer, BPE (byte-level or with byte fallback), post-processor and decoder,
/// giving the same ids and text as the <c>tokenizers</c> library. Use <see cref="FromFolder"/> or
/// <see cref="FromFiles"/>; instances are immutable and thread-safe.
/// </summary>
public sealed partial class HfTokenizer : ITokenizer
{
    private readonly AddedVocabulary _added;
    private readonly INormalizer? _normalizer;
    private readonly IPreTokenizer? _preTokenizer;
    private readonly BpeModel _model;
    private readonly ITokenDecoder? _decoder;
    private readonly SpecialTokenTemplate _specialTokens;
    private readonly string?[] _idToToken;

    internal HfTokenizer(
        AddedVocabulary added,
        INormalizer? normalizer,
        IPreTokenizer? preTokenizer,
        BpeModel model,
        ITokenDecoder? decoder,
        SpecialTokenTemplate postProcessor,
        TokenizerConfig config,
        string origin)
    {
        _added = added;
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _model = model;
        _decoder = decoder;
        Config = config;
        _idToToken = BuildIdToToken(model, added);
        VocabularySize = _idToToken.Length;

        BosTokenId = config.BosToken is { } bos
            ? RequireId(bos, "bos_token", origin)
            : postProcessor.Prefix.Count > 0 ? postProcessor.Prefix[0] : null;
        PadTokenId = config.PadToken is { } pad ? RequireId(pad, "pad_token", origin) : null;
        var eos = new List<int>();
        if (config.EosToken is { } eosToken) eos.Add(RequireId(eosToken, "eos_token", origin));
        eos.AddRange(config.GenerationEosTokenIds.Where(id => !eos.Contains(id)));
        EosTokenIds = eos;
        _specialTokens = config.AddBosToken is null && config.AddEosToken is null
            ? postProcessor
            : new SpecialTokenTemplate(
                config.AddBosToken == true && BosTokenId is int b ? [b] : [],
                config.AddEosToken == true && config.EosToken is not null ? [EosTokenIds[0]] : []);
    }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int? BosTokenId { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> EosTokenIds { get; }

    /// <inheritdoc />
    public int? PadTokenId { get; }

    /// <summary>The settings read from <c>tokenizer_config.json</c> (special-token strings, chat templates).</summary>
    public TokenizerConfig Config { get; }

    /// <summary>The added tokens (special and not) of <c>tokenizer.json</c>.</summary>
    public IReadOnlyCollection<AddedToken> AddedTokens => _added.Tokens;

    /// <summary>The ids <see cref="Encode"/> puts before and after the text when asked for special tokens.</summary>
    public SpecialTokenTemplate SpecialTokens => _specialTokens;

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true) => Encode(text, addSpecialTokens, parseSpecialTokens: true);

    /// <summary>
    /// Encodes text; with <paramref name="parseSpecialTokens"/> false, special tokens written in the text
    /// (e.g. a user typing <c>&lt;|im_start|&gt;</c>) are encoded as plain characters (HF's <c>split_special_tokens=True</c>).
    /// </summary>
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens, bool parseSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens) ids.AddRange(_specialTokens.Prefix);
        bool isStartOfText = true;
        foreach (AddedVocabulary.TextSegment raw in _added.SplitRaw(text, parseSpecialTokens))
        {
            if (raw.Token is { } rawToken)
            {
                ids.Add(rawToken.Id);
                isStartOfText = false;
                continue;
            }
            string normalized = _normalizer?.Normalize(raw.Text) ?? raw.Text;
            foreach (AddedVocabulary.TextSegment segment in _added.SplitNormalized(normalized, parseSpecialTokens))
            {
                if (segment.Token is { } token) ids.Add(token.Id);
                else EncodeWords(segment.Text, isStartOfText, ids);
                isStartOfText = false;
            }
        }
        if (addSpecialTokens) ids.AddRange(_specialTokens.Suffix);
        return ids;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = new List<string>();
        foreach (int id in ids)
        {
            if (_added.TryGetById(id, out AddedToken added))
            {
                if (!(skipSpecialTokens && added.Special)) tokens.Add(added.Content);
                continue;
            }
            tokens.Add(IdToToken(id) ?? throw new ArgumentOutOfRangeException(nameof(ids), id,
                $"Token id {id} is not in this tokenizer's vocabulary (size {VocabularySize})."));
        }
        return _decoder is null ? string.Join(' ', tokens) : string.Concat(_decoder.DecodeChain(tokens));
    }

    /// <inheritdoc />
    public IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => new StreamingDecoder(this, skipSpecialTokens);

    /// <summary>The id of a token string (added tokens first, then the model vocabulary), if any.</summary>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_added.TryGetByContent(token, out AddedToken added)) return added.Id;
        return _model.Vocabulary.TryGetValue(token, out int id) ? id : null;
    }

    /// <summary>The token string of an id, or null when the id is outside the vocabulary.</summary>
    public string? IdToToken(int id) => id >= 0 && id < _idToToken.Length ? _idToToken[id] : null;

    private void EncodeWords(string text, bool isStartOfText, List<int> ids)
    {
        if (text.Length == 0) return;
        if (_preTokenizer is null)
        {
            _model.Encode(text, ids);
            return;
        }
        foreach (string word in _preTokenizer.Split(text, isStartOfText)) _model.Encode(word, ids);
    }

    private int RequireId(string token, string key, string origin) =>
        TokenToId(token) ?? throw new TokenizerFormatException(origin, $"{key} '{token}' from tokenizer_config.json is not a token of tokenizer.json.");

    private static string?[] BuildIdToToken(BpeModel model, AddedVocabulary added)
    {
        int size = 0;
        foreach (int id in model.Vocabulary.Values) size = Math.Max(size, id + 1);
        foreach (AddedToken token in added.Tokens) size = Math.Max(size, token.Id + 1);
        var table = new string?[size];
        foreach ((string token, int id) in model.Vocabulary) table[id] = token;
        foreach (AddedToken token in added.Tokens) table[token.Id] = token.Content;
        return table;
    }
}
