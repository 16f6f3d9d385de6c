using System.Collections.Concurrent;
using System.Diagnostics;

namespace Understudy.Testing;

/// <summary>
/// Records the spans of one test: it starts a root span (made current for the test's async flow) and keeps every
/// finished span of the given sources that belongs to that root's trace, so tests running in parallel never see
/// each other's spans. Dispose it at the end of the test.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private static readonly ActivitySource RootSource = new("Understudy.Testing");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    /// <param name="sourceNames">The activity sources to listen to (e.g. "Understudy").</param>
    public ActivityRecorder(params string[] sourceNames)
    {
        var names = sourceNames.Append(RootSource.Name).ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root?.TraceId && activity != _root)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root = RootSource.StartActivity("test root") ?? throw new InvalidOperationException("The test root span was not sampled.");
    }

    /// <summary>The test's root span (the parent of the first spans the code under test starts).</summary>
    public Activity Root => _root;

    /// <summary>Every finished span of the test's trace, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>The finished spans whose name is <paramref name="name"/> or starts with it.</summary>
    public IReadOnlyList<Activity> Named(string name) =>
        [.. _stopped.Where(a => a.DisplayName.StartsWith(name, StringComparison.Ordinal) || a.OperationName.StartsWith(name, StringComparison.Ordinal))];

    /// <inheritdoc />
    public void Dispose()
    {
        _root.Stop();
        _listener.Dispose();
    }
}
