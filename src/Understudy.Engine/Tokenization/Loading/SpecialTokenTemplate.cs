namespace Understudy.Engine.Tokenization.Loading;

/// <summary>The ids a post-processor puts around an encoded sequence (BOS before, EOS after, …).</summary>
/// <param name="Prefix">Ids added before the text.</param>
/// <param name="Suffix">Ids added after the text.</param>
public sealed record SpecialTokenTemplate(IReadOnlyList<int> Prefix, IReadOnlyList<int> Suffix)
{
    /// <summary>A template that adds nothing.</summary>
    public static SpecialTokenTemplate None { get; } = new([], []);

    /// <summary>This template applied around the output of <paramref name="inner"/>.</summary>
    public SpecialTokenTemplate Around(SpecialTokenTemplate inner) =>
        new([.. Prefix, .. inner.Prefix], [.. inner.Suffix, .. Suffix]);
}
