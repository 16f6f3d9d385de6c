namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>
/// Sentences the ticket generator writes for each value of one hidden attribute, and the cue phrases the
/// extractor looks for to recover that value. They are kept side by side so that every sentence carries a cue
/// of its own value and none of another (the phrasebook tests check this).
/// </summary>
public sealed class CuedPhrases<TKey>
    where TKey : notnull
{
    private readonly List<TKey> _keys = [];
    private readonly Dictionary<TKey, IReadOnlyList<string>> _sentences = [];
    private readonly Dictionary<TKey, IReadOnlyList<string>> _cues = [];

    /// <summary>Values in the order they were added.</summary>
    public IReadOnlyList<TKey> Keys => _keys;

    /// <summary>Adds the sentences that express <paramref name="key"/> and the cues that reveal it.</summary>
    public CuedPhrases<TKey> Add(TKey key, IReadOnlyList<string> sentences, IReadOnlyList<string> cues)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(cues);
        if (sentences.Count == 0 || cues.Count == 0)
        {
            throw new ArgumentException($"The phrasebook entry for {key} needs at least one sentence and one cue.");
        }
        _keys.Add(key);
        _sentences.Add(key, sentences);
        _cues.Add(key, cues);
        return this;
    }

    public IReadOnlyList<string> SentencesFor(TKey key) => _sentences[key];

    public IReadOnlyList<string> CuesFor(TKey key) => _cues[key];

    /// <summary>Every cue of every value.</summary>
    public IEnumerable<string> AllCues => _keys.SelectMany(key => _cues[key]);

    /// <summary>The values whose cues occur in <paramref name="normalizedText"/>, earliest occurrence first.</summary>
    public IReadOnlyList<TKey> FindIn(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        return _keys
            .Select(key => (Key: key, Index: CueMatcher.FirstIndexOfAny(normalizedText, _cues[key])))
            .Where(found => found.Index >= 0)
            .OrderBy(found => found.Index)
            .Select(found => found.Key)
            .ToList();
    }
}
