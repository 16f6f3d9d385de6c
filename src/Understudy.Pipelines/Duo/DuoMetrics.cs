namespace Understudy.Pipelines.Duo;

/// <summary>Metric names the loop records on its steps and reads back (from cached steps too).</summary>
public static class DuoMetrics
{
    public const string SimilarityMean = "similarity_mean";
    public const string PrecisionMean = "precision_mean";
    public const string Passed = "passed";
    public const string CostUsd = "cost_usd";
    public const string WallSeconds = "wall_seconds";
    public const string Published = "published";
    public const string TrainRows = "train_rows";
}
