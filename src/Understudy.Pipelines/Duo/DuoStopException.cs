namespace Understudy.Pipelines.Duo;

/// <summary>Thrown by a step that cannot finish because a budget ended it; the loop stops with the reason.</summary>
public sealed class DuoStopException(DuoStopReason reason, string message) : Exception(message)
{
    /// <summary>Which budget.</summary>
    public DuoStopReason Reason { get; } = reason;
}
