using System.Diagnostics;
using System.Globalization;

namespace Understudy.Core.Observability.Traces;

/// <summary>Turns a finished <see cref="Activity"/> into the <see cref="TraceSpanRecord"/> the trace store keeps.</summary>
public static class ActivityTraceMapper
{
    /// <summary>The record of <paramref name="activity"/>; attribute values become invariant-culture text.</summary>
    public static TraceSpanRecord ToRecord(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in activity.TagObjects)
        {
            attributes[tag.Key] = Text(tag.Value);
        }

        return new TraceSpanRecord
        {
            TraceId = activity.TraceId.ToHexString(),
            SpanId = activity.SpanId.ToHexString(),
            ParentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            Name = activity.DisplayName,
            Source = activity.Source.Name,
            Kind = activity.Kind.ToString(),
            StartTime = new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero),
            Duration = activity.Duration,
            Status = activity.Status switch
            {
                ActivityStatusCode.Error => TraceStatuses.Error,
                ActivityStatusCode.Ok => TraceStatuses.Ok,
                _ => TraceStatuses.Unset,
            },
            StatusDescription = activity.StatusDescription,
            RunId = attributes.GetValueOrDefault(UnderstudyAttributes.RunId),
            Step = attributes.GetValueOrDefault(UnderstudyAttributes.StepName),
            Model = attributes.GetValueOrDefault("gen_ai.request.model") ?? attributes.GetValueOrDefault("gen_ai.response.model"),
            InputTokens = Long(attributes.GetValueOrDefault("gen_ai.usage.input_tokens")),
            OutputTokens = Long(attributes.GetValueOrDefault("gen_ai.usage.output_tokens")),
            Attributes = attributes,
            Events = [.. activity.Events.Select(e => new TraceEventRecord(
                e.Name, e.Timestamp, e.Tags.ToDictionary(t => t.Key, t => Text(t.Value), StringComparer.Ordinal)))],
        };
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Text)),
        _ => value.ToString(),
    };

    private static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
