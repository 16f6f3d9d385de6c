using System.Text.Json.Serialization;

namespace Understudy.Engine.Models;

/// <summary>The <c>rope_scaling</c> object of config.json (Llama 3.1/3.2's <c>llama3</c> type, <c>linear</c>, ...).</summary>
public sealed record RopeScalingConfig
{
    /// <summary>The scaling kind; older configs call the key <c>type</c>, newer ones <c>rope_type</c>.</summary>
    public string? RopeType { get; init; }
    public string? Type { get; init; }
    public double Factor { get; init; } = 1.0;
    public double LowFreqFactor { get; init; } = 1.0;
    public double HighFreqFactor { get; init; } = 4.0;
    public int? OriginalMaxPositionEmbeddings { get; init; }

    /// <summary>The resolved scaling kind (default when neither key is present).</summary>
    [JsonIgnore]
    public string Kind => RopeType ?? Type ?? "default";
}
