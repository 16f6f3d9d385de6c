namespace Understudy.Engine.Tokenization;

/// <summary>
/// A token from the <c>added_tokens</c> list of <c>tokenizer.json</c>: matched in the raw text before the model
/// runs, and (when <see cref="Special"/>) skipped by decoding on request.
/// </summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The exact text of the token.</param>
/// <param name="Special">Whether it is a control token (BOS, EOS, chat markers).</param>
/// <param name="Normalized">Whether it is matched in the normalized text rather than the raw text.</param>
/// <param name="LeftStrip">Whether the match swallows the whitespace on its left.</param>
/// <param name="RightStrip">Whether the match swallows the whitespace on its right.</param>
/// <param name="SingleWord">Whether it only matches as a whole word.</param>
public sealed record AddedToken(
    int Id,
    string Content,
    bool Special,
    bool Normalized = false,
    bool LeftStrip = false,
    bool RightStrip = false,
    bool SingleWord = false);
