namespace Understudy.Pipelines.Common;

/// <summary>The outcome of validating a model's structured answer: a value, or why the answer cannot be used.</summary>
public sealed record ParseResult<T>(T? Value, string? Error)
    where T : class
{
    public bool IsValid => Value is not null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Malformed(string error) => new(null, error);
}
