namespace Understudy.Testing;

/// <summary>One request an <see cref="OtlpHttpFixture"/> received.</summary>
/// <param name="Path">The request path, e.g. <c>/api/public/otel/v1/traces</c>.</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The raw body (OTLP protobuf).</param>
public sealed record OtlpRequest(string Path, string? Authorization, string? ContentType, byte[] Body);
