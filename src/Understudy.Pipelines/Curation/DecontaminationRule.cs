using System.Globalization;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// Removes training rows too close to any test row, so the evaluation stays unseen: by word n-gram overlap
/// (<see cref="NgramOverlapIndex"/>) and/or by MinHash Jaccard estimate (LSH candidates over the test rows, then the
/// signature estimate). Either check reaching its threshold removes the row; a threshold of 0 turns that check off.
/// </summary>
public sealed class DecontaminationRule : IRowFilter
{
    private readonly CurationText _part;
    private readonly IReadOnlyList<CurationRow> _testRows;
    private readonly NgramOverlapIndex _ngrams;
    private readonly double _overlapThreshold;
    private readonly double _jaccardThreshold;
    private readonly Shingler _shingler;
    private readonly MinHasher _hasher;
    private readonly LshIndex? _lsh;
    private readonly List<ulong[]> _signatures = [];

    public DecontaminationRule(IReadOnlyList<CurationRow> testRows, CurationText part, int ngram, double overlapThreshold,
        double jaccardThreshold, Shingler shingler, MinHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(testRows);
        ArgumentNullException.ThrowIfNull(shingler);
        ArgumentNullException.ThrowIfNull(hasher);
        (_testRows, _part, _overlapThreshold, _jaccardThreshold, _shingler, _hasher) = (testRows, part, overlapThreshold, jaccardThreshold, shingler, hasher);
        _ngrams = new NgramOverlapIndex(ngram);
        _lsh = jaccardThreshold > 0 ? new LshIndex(LshParameters.From(0, 0, jaccardThreshold, hasher.NumPerm)) : null;
        for (int id = 0; id < testRows.Count; id++)
        {
            string text = testRows[id].Text(part);
            _ngrams.Add(text);
            if (_lsh is not null)
            {
                _signatures.Add(_hasher.Signature(_shingler.Shingles(text)));
                _lsh.Add(id, _signatures[id]);
            }
        }
    }

    public string Rule => CurationRules.Decontamination;

    public string Description => $"{ExactDuplicateRule.PartName(_part)} too close to a test row ({_testRows.Count} test rows)";

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string text = row.Text(_part);
        if (_overlapThreshold > 0)
        {
            var (id, overlap) = _ngrams.BestMatch(text);
            if (id >= 0 && overlap >= _overlapThreshold)
            {
                return new RowRejection(Format($"n-gram overlap {overlap:0.00} with test row {_testRows[id].Index}"), overlap, _testRows[id]);
            }
        }
        if (_lsh is not null)
        {
            ulong[] signature = _hasher.Signature(_shingler.Shingles(text));
            (int Id, double Jaccard) best = (-1, 0);
            foreach (int id in _lsh.Candidates(signature))
            {
                double jaccard = MinHasher.EstimateJaccard(signature, _signatures[id]);
                if (jaccard > best.Jaccard)
                {
                    best = (id, jaccard);
                }
            }
            if (best.Id >= 0 && best.Jaccard >= _jaccardThreshold)
            {
                return new RowRejection(Format($"MinHash Jaccard {best.Jaccard:0.00} with test row {_testRows[best.Id].Index}"), best.Jaccard, _testRows[best.Id]);
            }
        }
        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
