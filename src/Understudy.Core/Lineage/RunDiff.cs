using System.Text.Json;

namespace Understudy.Core.Lineage;

/// <summary>
/// What differs between two runs: config values, and per step (matched by step id) status, metrics and the content
/// hashes of inputs and outputs. Steps only one run has are listed with the other side empty.
/// </summary>
public sealed record RunDiff(IReadOnlyList<RunDiff.ValueChange> Config, IReadOnlyList<RunDiff.StepChange> Steps)
{
    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => Config.Count == 0 && Steps.Count == 0;

    /// <summary>A value that differs: <c>null</c> on the side that lacks it.</summary>
    public sealed record ValueChange(string Key, string? Left, string? Right);

    /// <summary>The differences of one step.</summary>
    public sealed record StepChange(string StepId, string? LeftStatus, string? RightStatus, IReadOnlyList<ValueChange> Changes);

    /// <summary>Compares run <paramref name="left"/> with <paramref name="right"/>.</summary>
    public static RunDiff Compare(RunRecord left, IReadOnlyList<StepRecord> leftSteps, RunRecord right, IReadOnlyList<StepRecord> rightSteps)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftSteps);
        ArgumentNullException.ThrowIfNull(rightSteps);
        List<ValueChange> config = Changes(Flatten(left.ConfigJson), Flatten(right.ConfigJson));
        var leftById = leftSteps.ToDictionary(s => s.StepId);
        var rightById = rightSteps.ToDictionary(s => s.StepId);
        var steps = new List<StepChange>();
        foreach (string id in leftSteps.Select(s => s.StepId).Concat(rightSteps.Select(s => s.StepId)).Distinct())
        {
            StepRecord? a = leftById.GetValueOrDefault(id), b = rightById.GetValueOrDefault(id);
            List<ValueChange> changes = Changes(Describe(a), Describe(b));
            if (changes.Count > 0 || a is null || b is null)
            {
                steps.Add(new StepChange(id, a?.Status.ToString().ToLowerInvariant(), b?.Status.ToString().ToLowerInvariant(), changes));
            }
        }
        return new RunDiff(config, steps);
    }

    /// <summary>What is compared of a step: outcome metrics (not timings or cost) and artifact hashes.</summary>
    private static Dictionary<string, string> Describe(StepRecord? step)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (step is null)
        {
            return values;
        }
        foreach (var (name, value) in step.Metrics.Where(m => m.Key is not ("wall_seconds" or "cost_usd")))
        {
            values["metric " + name] = value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (ArtifactRef input in step.Inputs)
        {
            values[$"input {input.Role}"] = $"{input.Name} {input.Hash}";
        }
        foreach (ArtifactRef output in step.Outputs)
        {
            values[$"output {output.Role}"] = $"{output.Name} {output.Hash}";
        }
        return values;
    }

    private static List<ValueChange> Changes(Dictionary<string, string> left, Dictionary<string, string> right) =>
        [.. left.Keys.Union(right.Keys).Order(StringComparer.Ordinal)
            .Select(k => new ValueChange(k, left.GetValueOrDefault(k), right.GetValueOrDefault(k)))
            .Where(c => c.Left != c.Right)];

    private static Dictionary<string, string> Flatten(string json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}");
                }
                return;
            }
            values[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        }
        Walk(document.RootElement, "");
        return values;
    }
}
