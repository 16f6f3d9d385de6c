namespace Understudy.Pipelines.Duo;

/// <summary>
/// One step's cancellation: the caller's token linked with a timer for the wall-time budget left. <see cref="Expired"/>
/// tells a budget stop from the user's cancellation.
/// </summary>
internal sealed class WallTimeDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;

    /// <param name="left">Time left before the budget runs out; null = no budget.</param>
    public WallTimeDeadline(TimeSpan? left, TimeProvider time, CancellationToken cancellationToken)
    {
        _timer = left is { } delay ? new CancellationTokenSource(delay, time) : null;
        _linked = _timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    /// <summary>Cancelled by the caller or at the deadline.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True once the budget ran out.</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
