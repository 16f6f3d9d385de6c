namespace Understudy.ServiceSimulator.Requests;

/// <summary>The JSON layout of a verdict; the simulator answers in the layout the request asks for.</summary>
public enum JudgeOutputShape
{
    /// <summary>LlamaDuo's: <c>{"similarity_assessment": {"score", "reason"}, "precision_assessment": {"score", "reason"}}</c>.</summary>
    Nested,

    /// <summary><c>{"similarity_score", "similarity_reason", "precision_score", "precision_reason"}</c>.</summary>
    Flat,
}
