using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Generation;

/// <summary>
/// Follows one row's tokens as text: detects stop strings across token boundaries and streams only text that can no
/// longer become part of a stop string (the tail that could still start one is held back).
/// </summary>
internal sealed class StopStringWatcher
{
    private readonly IStreamingDecoder _decoder;
    private readonly IReadOnlyList<string> _stops;
    private readonly Action<string>? _onText;
    private readonly int _holdBack;
    private string _text = "";
    private int _emitted;

    private readonly Func<string, bool>? _stopWhen;

    public StopStringWatcher(ITokenizer tokenizer, IReadOnlyList<string> stops, Action<string>? onText, Func<string, bool>? stopWhen)
    {
        _stopWhen = stopWhen;
        _decoder = tokenizer.CreateStreamingDecoder(skipSpecialTokens: true);
        _stops = stops.Where(s => s.Length > 0).ToArray();
        _onText = onText;
        _holdBack = _stops.Count == 0 ? 0 : _stops.Max(s => s.Length) - 1;
    }

    /// <summary>Index of the first stop string in the text so far, or -1.</summary>
    public int StopIndex { get; private set; } = -1;

    /// <summary>Takes the next token; returns true when a stop string has appeared.</summary>
    public bool Append(int tokenId)
    {
        int searchFrom = Math.Max(0, _text.Length - _holdBack);
        _text += _decoder.Append(tokenId);
        foreach (string stop in _stops)
        {
            int at = _text.IndexOf(stop, searchFrom, StringComparison.Ordinal);
            if (at >= 0 && (StopIndex < 0 || at < StopIndex)) StopIndex = at;
        }
        if (StopIndex >= 0)
        {
            Emit(StopIndex);
            return true;
        }
        if (_stopWhen?.Invoke(_text) == true)
        {
            Emit(_text.Length);
            return true;
        }
        Emit(_text.Length - _holdBack);
        return false;
    }

    /// <summary>Streams what is left at the end (unless a stop string cut it).</summary>
    public void Finish()
    {
        if (StopIndex >= 0 || _stopWhen?.Invoke(_text) == true) return;
        _text += _decoder.Flush();
        Emit(_text.Length);
    }

    private void Emit(int upTo)
    {
        if (upTo <= _emitted) return;
        // Never split a surrogate pair between two pieces.
        if (upTo < _text.Length && char.IsHighSurrogate(_text[upTo - 1])) upTo--;
        if (upTo <= _emitted) return;
        _onText?.Invoke(_text[_emitted..upTo]);
        _emitted = upTo;
    }
}
