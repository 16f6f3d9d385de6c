namespace Understudy.Testing;

/// <summary>What a conformance backend saw of one request, whichever transport carried it.</summary>
public sealed record ObservedRequest
{
    public required IReadOnlyList<(string Role, string Text)> Messages { get; init; }

    public string? ModelId { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? MaxOutputTokens { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<string> StopSequences { get; init; } = [];
}
