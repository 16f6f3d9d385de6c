using System.Diagnostics;

namespace Understudy.Core.Observability;

/// <summary>Runs a step inside its span: failures mark the span, the result describes it.</summary>
public static class StepTracing
{
    /// <summary>
    /// Runs <paramref name="body"/> inside a step span (<see cref="UnderstudyTelemetry.StartStep"/>); an exception
    /// marks the span failed and is rethrown; <paramref name="describe"/> adds the result's figures (rows, scores...).
    /// </summary>
    public static async Task<T> TraceAsync<T>(
        string step, IEnumerable<KeyValuePair<string, object?>>? tags, Func<Task<T>> body, Action<Activity, T>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var activity = UnderstudyTelemetry.StartStep(step, tags: tags);
        try
        {
            var result = await body();
            if (activity is not null)
            {
                describe?.Invoke(activity, result);
            }

            return result;
        }
        catch (Exception e)
        {
            activity.RecordFailure(e);
            throw;
        }
    }
}
