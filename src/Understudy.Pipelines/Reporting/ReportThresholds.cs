namespace Understudy.Pipelines.Reporting;

/// <summary>The mean judge scores (0–100) a model must reach to pass.</summary>
public sealed record ReportThresholds(double Similarity, double Precision);
