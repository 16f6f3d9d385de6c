namespace Understudy.Engine.Scheduling;

/// <summary>Token counts of a finished sequence.</summary>
/// <param name="PromptTokenCount">Tokens in the prompt.</param>
/// <param name="OutputTokenCount">Tokens generated (never counting the EOS token).</param>
public sealed record SequenceUsage(int PromptTokenCount, int OutputTokenCount)
{
    /// <summary>Prompt and output tokens together.</summary>
    public int TotalTokenCount => PromptTokenCount + OutputTokenCount;
}
