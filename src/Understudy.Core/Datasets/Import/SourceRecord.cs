namespace Understudy.Core.Datasets.Import;

/// <summary>
/// One record read from an import file: where it is (<see cref="Location"/>, e.g. "line 7" or "row 12"), its
/// fields as plain values, or why it could not be read at all (<see cref="ReadError"/>, e.g. invalid JSON).
/// </summary>
public sealed record SourceRecord(string Location, IReadOnlyDictionary<string, object?> Fields, string? ReadError = null);
