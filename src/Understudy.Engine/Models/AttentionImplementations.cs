namespace Understudy.Engine.Models;

/// <summary>The values of <see cref="ModelLoadOptions.AttnImplementation"/> (transformers' <c>attn_implementation</c>).</summary>
public static class AttentionImplementations
{
    /// <summary>libtorch's fused scaled-dot-product attention.</summary>
    public const string Sdpa = "sdpa";

    /// <summary>The explicit softmax(QKᵀ)V.</summary>
    public const string Eager = "eager";

    /// <summary>Returns <paramref name="name"/> lower-cased when known; throws naming the valid values otherwise.</summary>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string value = name.Trim().ToLowerInvariant();
        return value is Sdpa or Eager
            ? value
            : throw new ArgumentException($"attn_implementation '{name}' is not supported (use sdpa or eager).", nameof(name));
    }
}
