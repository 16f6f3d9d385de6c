namespace Understudy.Pipelines.Reporting;

/// <summary>A loss value at an optimiser step.</summary>
public readonly record struct LossPoint(int Step, double Loss);
