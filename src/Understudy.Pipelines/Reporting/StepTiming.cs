namespace Understudy.Pipelines.Reporting;

/// <summary>How long one step (finetune, batch_infer, evaluate, synth, curate, merge...) took.</summary>
public readonly record struct StepTiming(string Step, TimeSpan WallTime);
