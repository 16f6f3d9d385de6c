namespace Understudy.Pipelines.Common;

/// <summary>
/// A snapshot of a long step's progress, reported after every durable batch so a progress bar can show rows
/// done, rate, ETA and token use. <see cref="Done"/> counts rows finished in this run plus those resumed.
/// </summary>
/// <param name="Stage">What is being done, e.g. "batch-infer".</param>
/// <param name="Done">Rows finished (succeeded or recorded as failed), including rows resumed from an earlier run.</param>
/// <param name="Total">Rows this step will finish in all.</param>
/// <param name="Failed">Rows recorded as failed so far.</param>
/// <param name="InputTokens">Input tokens spent by this run.</param>
/// <param name="OutputTokens">Output tokens spent by this run.</param>
public sealed record PipelineProgress(string Stage, long Done, long Total, long Failed, long InputTokens, long OutputTokens);
