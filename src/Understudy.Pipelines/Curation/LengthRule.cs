namespace Understudy.Pipelines.Curation;

/// <summary>Removes rows whose prompt (or answer) is shorter or longer than its bounds; a bound of 0 is no bound.</summary>
public sealed class LengthRule : IRowFilter
{
    private readonly bool _onPrompt;
    private readonly int _min;
    private readonly int _max;
    private readonly LengthUnit _unit;

    private LengthRule(bool onPrompt, int min, int max, LengthUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        (_onPrompt, _min, _max, _unit) = (onPrompt, min, max, unit);
    }

    /// <summary>Bounds on the prompt.</summary>
    public static LengthRule ForPrompt(int min, int max, LengthUnit unit) => new(true, min, max, unit);

    /// <summary>Bounds on the answer.</summary>
    public static LengthRule ForAnswer(int min, int max, LengthUnit unit) => new(false, min, max, unit);

    public string Rule => _onPrompt ? CurationRules.PromptLength : CurationRules.AnswerLength;

    public string Description => $"{Part} length outside [{_min}, {(_max > 0 ? _max : "∞")}] {UnitName}";

    private string Part => _onPrompt ? "prompt" : "answer";

    private string UnitName => _unit == LengthUnit.Words ? "words" : "chars";

    /// <summary>The length of a text in <paramref name="unit"/>: trimmed characters, or whitespace-separated words.</summary>
    public static int Measure(string text, LengthUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        return unit == LengthUnit.Words
            ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length
            : text.Trim().Length;
    }

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int length = Measure(_onPrompt ? row.Prompt : row.Answer, _unit);
        if (length < _min)
        {
            return new RowRejection($"{Part} has {length} {UnitName}, fewer than {_min}", length);
        }
        if (_max > 0 && length > _max)
        {
            return new RowRejection($"{Part} has {length} {UnitName}, more than {_max}", length);
        }
        return null;
    }
}
