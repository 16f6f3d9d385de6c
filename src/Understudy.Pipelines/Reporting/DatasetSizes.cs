namespace Understudy.Pipelines.Reporting;

/// <summary>Rows in each dataset of an iteration; null where the iteration had no such dataset.</summary>
public sealed record DatasetSizes
{
    /// <summary>Rows the student was fine-tuned on.</summary>
    public int? Train { get; init; }

    /// <summary>Rows of the test split (evaluation).</summary>
    public int? Test { get; init; }

    /// <summary>Synthetic rows the teacher produced this iteration.</summary>
    public int? Synth { get; init; }

    /// <summary>Synthetic rows left after curation.</summary>
    public int? Curated { get; init; }

    /// <summary>Rows of the merged training set for the next iteration.</summary>
    public int? Merged { get; init; }
}
