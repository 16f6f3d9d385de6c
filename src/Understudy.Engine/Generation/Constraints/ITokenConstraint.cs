namespace Understudy.Engine.Generation.Constraints;

/// <summary>
/// Restricts which tokens a sequence may produce next (constrained decoding). The scheduler asks for the allowed
/// set before it samples each token of the sequence and reports the token it chose; one instance serves one sequence.
/// </summary>
public interface ITokenConstraint
{
    /// <summary>
    /// Sets <c>allowed[id]</c> for every token that may come next; returns how many are allowed. A constraint that
    /// allows none fails its sequence, so allow an end-of-sequence token when nothing else can follow.
    /// </summary>
    int FillAllowed(Span<bool> allowed);

    /// <summary>Advances past the chosen token.</summary>
    void Accept(int tokenId);
}
