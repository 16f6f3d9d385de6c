using System.Collections.Concurrent;

namespace Understudy.Engine.Tokenization.Models;

/// <summary>
/// Byte-pair encoding exactly as Hugging Face <c>tokenizers</c> runs it: characters (or byte-fallback tokens) as
/// symbols, then the lowest-ranked adjacent pair merged first (leftmost on ties) until no merge applies.
/// </summary>
public sealed class BpeModel
{
    private const int CacheLimit = 100_000;
    private const int CacheableWordLength = 256;

    private readonly BpeOptions _options;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<(int Left, int Right), (int Rank, int MergedId)> _merges;
    private readonly int? _unknownId;
    private readonly int[]? _byteTokenIds;
    private readonly int[] _singleCharIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Builds the model; throws when a merge names a token missing from the vocabulary.</summary>
    public BpeModel(BpeOptions options, string origin)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _vocabulary = new Dictionary<string, int>(options.Vocabulary, StringComparer.Ordinal);
        _merges = new Dictionary<(int, int), (int, int)>(options.Merges.Count);
        int prefixLength = options.ContinuingSubwordPrefix?.Length ?? 0;
        for (int rank = 0; rank < options.Merges.Count; rank++)
        {
            (string left, string right) = options.Merges[rank];
            int leftId = Require(left, rank, origin);
            int rightId = Require(right, rank, origin);
            int mergedId = Require(left + right[Math.Min(prefixLength, right.Length)..], rank, origin);
            _merges.TryAdd((leftId, rightId), (rank, mergedId));
        }

        if (options.UnknownToken is not null)
        {
            if (!_vocabulary.TryGetValue(options.UnknownToken, out int unknownId))
                throw new TokenizerFormatException(origin, $"model.unk_token '{options.UnknownToken}' is not in model.vocab.");
            _unknownId = unknownId;
        }
        if (options.ByteFallback) _byteTokenIds = ReadByteTokens();
        _singleCharIds = ReadSingleCharTokens();
    }

    /// <summary>The model's vocabulary (without added tokens).</summary>
    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    /// <summary>Appends the ids of one pre-tokenized word to <paramref name="ids"/>.</summary>
    public void Encode(string word, List<int> ids)
    {
        if (word.Length == 0) return;
        if (_options.IgnoreMerges && _vocabulary.TryGetValue(word, out int whole))
        {
            ids.Add(whole);
            return;
        }
        if (_cache.TryGetValue(word, out int[]? cached))
        {
            ids.AddRange(cached);
            return;
        }

        int[] encoded = MergeWord(word);
        if (word.Length <= CacheableWordLength && _cache.Count < CacheLimit) _cache.TryAdd(word, encoded);
        ids.AddRange(encoded);
    }

    private int[] MergeWord(string word)
    {
        var symbols = new List<int>(word.Length);
        (int Id, int Count)? pendingUnknown = null;
        int index = 0;
        while (index < word.Length)
        {
            int length = char.IsHighSurrogate(word[index]) && index + 1 < word.Length && char.IsLowSurrogate(word[index + 1]) ? 2 : 1;
            if (length == 1 && _singleCharIds[word[index]] >= 0 && IsPlainSymbol(index, word.Length))
            {
                if (pendingUnknown is { } unknownBefore) symbols.Add(unknownBefore.Id);
                pendingUnknown = null;
                symbols.Add(_singleCharIds[word[index++]]);
                continue;
            }
            string symbol = word.Substring(index, length);
            if (index > 0 && _options.ContinuingSubwordPrefix is { } prefix) symbol = prefix + symbol;
            index += length;
            if (index == word.Length && _options.EndOfWordSuffix is { } suffix) symbol += suffix;

            if (_vocabulary.TryGetValue(symbol, out int id))
            {
                if (pendingUnknown is { } unknown) symbols.Add(unknown.Id);
                pendingUnknown = null;
                symbols.Add(id);
                continue;
            }
            if (_byteTokenIds is not null && TryAddBytes(word.Substring(index - length, length), symbols)) continue;
            if (_unknownId is not int unknownId) continue;
            if (pendingUnknown is { } previous && !_options.FuseUnknown) symbols.Add(previous.Id);
            pendingUnknown = (unknownId, 1);
        }
        if (pendingUnknown is { } last) symbols.Add(last.Id);

        return BpeMerger.MergeAll(symbols, _merges);
    }

    private bool TryAddBytes(string character, List<int> symbols)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(character);
        foreach (byte b in bytes)
        {
            if (_byteTokenIds![b] < 0) return false;
        }
        foreach (byte b in bytes) symbols.Add(_byteTokenIds![b]);
        return true;
    }

    /// <summary>Whether the symbol at <paramref name="index"/> gets no continuing-subword prefix or end-of-word suffix.</summary>
    private bool IsPlainSymbol(int index, int wordLength) =>
        (index == 0 || _options.ContinuingSubwordPrefix is null) && (index + 1 < wordLength || _options.EndOfWordSuffix is null);

    /// <summary>Ids of the single-UTF-16-character tokens, so the common case needs no substring per character.</summary>
    private int[] ReadSingleCharTokens()
    {
        var ids = new int[char.MaxValue + 1];
        Array.Fill(ids, -1);
        foreach ((string token, int id) in _vocabulary)
        {
            if (token.Length == 1) ids[token[0]] = id;
        }
        return ids;
    }

    private int[] ReadByteTokens()
    {
        var ids = new int[256];
        for (int b = 0; b < 256; b++) ids[b] = _vocabulary.TryGetValue($"<0x{b:X2}>", out int id) ? id : -1;
        return ids;
    }

    private int Require(string token, int rank, string origin) =>
        _vocabulary.TryGetValue(token, out int id)
            ? id
            : throw new TokenizerFormatException(origin, $"model.merges[{rank}] uses '{token}', which is not in model.vocab.");
}
