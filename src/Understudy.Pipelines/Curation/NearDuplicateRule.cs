using System.Globalization;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// Removes a row that is nearly the same as a row kept earlier: MinHash + LSH proposes the kept rows whose shingle
/// sets are likely similar, and ROUGE-L confirms — the row goes when its best candidate reaches the F-measure
/// threshold (ties go to the earliest row). Only candidates are compared, so the cost grows with the row count, not its square.
/// </summary>
public sealed class NearDuplicateRule : IDuplicateRule
{
    private readonly CurationText _part;
    private readonly Shingler _shingler;
    private readonly MinHasher _hasher;
    private readonly LshIndex _index;
    private readonly double _rougeThreshold;
    private readonly Dictionary<int, CurationRow> _kept = [];
    private (string Text, ulong[] Signature)? _last;

    public NearDuplicateRule(CurationText part, Shingler shingler, MinHasher hasher, LshParameters lsh, double rougeLThreshold)
    {
        ArgumentNullException.ThrowIfNull(shingler);
        ArgumentNullException.ThrowIfNull(hasher);
        (_part, _shingler, _hasher, _rougeThreshold) = (part, shingler, hasher, rougeLThreshold);
        _index = new LshIndex(lsh);
    }

    public string Rule => CurationRules.NearDuplicate;

    public string Description => $"{ExactDuplicateRule.PartName(_part)} near an earlier row: LSH candidate ({_index.Parameters.Bands} bands x {_index.Parameters.Rows} rows) " +
                                 $"with ROUGE-L F ≥ {_rougeThreshold.ToString("0.##", CultureInfo.InvariantCulture)} (near_dedup)";

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string text = row.Text(_part);
        (CurationRow? Row, double F) best = (null, -1);
        foreach (int id in _index.Candidates(Signature(text)))
        {
            CurationRow candidate = _kept[id];
            double f = RougeL.FMeasure(text, candidate.Text(_part));
            if (f > best.F)
            {
                best = (candidate, f);
            }
        }
        return best.Row is not null && best.F >= _rougeThreshold
            ? new RowRejection(string.Create(CultureInfo.InvariantCulture, $"ROUGE-L F {best.F:0.00} with row {best.Row.Index}"), best.F, best.Row)
            : null;
    }

    public void Remember(CurationRow kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        _kept[kept.Index] = kept;
        _index.Add(kept.Index, Signature(kept.Text(_part)));
    }

    /// <summary>The signature, reused when <see cref="Remember"/> follows <see cref="Check"/> of the same row.</summary>
    private ulong[] Signature(string text)
    {
        if (_last is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Signature;
        }
        ulong[] signature = _hasher.Signature(_shingler.Shingles(text));
        _last = (text, signature);
        return signature;
    }
}
