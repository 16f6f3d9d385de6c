namespace Understudy.Engine.Tests.Scheduling;

/// <summary>
/// Holds the scheduler thread inside a sequence's StopWhen callback (which runs on that thread at each token) until the
/// test releases it, so a test decides who is queued or running at a token boundary without any timing.
/// </summary>
internal sealed class LoopGate : IDisposable
{
    // A safety net against a hung test run, not a timed assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly ManualResetEventSlim _held = new();
    private readonly ManualResetEventSlim _released = new();

    /// <summary>A StopWhen that holds the loop when its sequence produces token number <paramref name="token"/> (1-based).</summary>
    public Func<string, bool> HoldAt(int token, Func<string, bool>? inner = null)
    {
        int count = 0;
        return text =>
        {
            if (++count == token)
            {
                _held.Set();
                if (!_released.Wait(Patience)) throw new TimeoutException("The test never released the scheduler loop.");
            }
            return inner?.Invoke(text) ?? false;
        };
    }

    public void WaitUntilHeld()
    {
        if (!_held.Wait(Patience)) throw new TimeoutException("The scheduler loop never reached the gate.");
    }

    public void Release() => _released.Set();

    /// <summary>Releases the loop (the events stay undisposed: the loop thread may still be leaving its wait).</summary>
    public void Dispose() => _released.Set();
}
