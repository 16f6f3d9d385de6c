namespace Understudy.Pipelines.Tests.Duo;

/// <summary>
/// Named points the fakes pass through (<c>train</c>, <c>answer</c>, <c>judge</c>, <c>generate</c>). A test names one
/// and the how-many-th pass at which the "process is killed" (an <see cref="OperationCanceledException"/>, once).
/// </summary>
internal sealed class DuoCheckpoints
{
    private readonly Dictionary<string, int> _passes = [];
    private (string Name, int Pass)? _killAt;
    private CancellationTokenSource _process = new();

    /// <summary>The token of the current "process"; a kill cancels it, as Ctrl-C or SIGTERM would.</summary>
    public CancellationToken ProcessToken => _process.Token;

    /// <summary>Starts a new "process" after a kill.</summary>
    public void Restart() => _process = new CancellationTokenSource();

    public void KillAt(string name, int pass = 1) => _killAt = (name, pass);

    /// <summary>Kills the current "process" now (the user's Ctrl-C).</summary>
    public void Kill() => _process.Cancel();

    public int Passes(string name)
    {
        lock (_passes)
        {
            return _passes.GetValueOrDefault(name);
        }
    }

    public void Pass(string name)
    {
        int count;
        lock (_passes)
        {
            count = _passes[name] = _passes.GetValueOrDefault(name) + 1;
        }
        if (_killAt is { } kill && kill.Name == name && kill.Pass == count)
        {
            _killAt = null;
            _process.Cancel();
            throw new OperationCanceledException($"killed at {name} #{count}", _process.Token);
        }
    }
}
