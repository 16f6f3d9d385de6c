namespace Understudy.Pipelines.Curation;

/// <summary>Counts what each rule removed during a run and keeps the first few examples of each.</summary>
internal sealed class CurationTally
{
    private readonly int _maxExamples;
    private readonly List<string> _order = [];
    private readonly Dictionary<string, (string Description, int Removed, List<CurationExample> Examples)> _rules = [];

    public CurationTally(IEnumerable<(string Rule, string Description)> rules, int maxExamples)
    {
        _maxExamples = maxExamples;
        foreach (var (rule, description) in rules.DistinctBy(r => r.Rule))
        {
            _order.Add(rule);
            _rules[rule] = (description, 0, []);
        }
    }

    public void Removed(string rule, int index, string promptId, string prompt, string answer, RowRejection rejection)
    {
        var (description, removed, examples) = _rules[rule];
        if (examples.Count < _maxExamples)
        {
            CurationRow? matched = rejection.Matched;
            examples.Add(new CurationExample(index, promptId, prompt, answer, rejection.Reason, rejection.Score,
                matched?.Row.PromptId, matched?.Prompt, matched?.Answer));
        }
        _rules[rule] = (description, removed + 1, examples);
    }

    public IReadOnlyList<CurationRuleReport> Rules() =>
        [.. _order.Select(rule => new CurationRuleReport(rule, _rules[rule].Description, _rules[rule].Removed, _rules[rule].Examples))];
}
