namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>What a split does with the matched delimiters (the <c>behavior</c> key of <c>Split</c>).</summary>
public enum SplitBehavior
{
    /// <summary>Drops the matches.</summary>
    Removed,

    /// <summary>Keeps each match as a piece of its own.</summary>
    Isolated,

    /// <summary>Appends each match to the piece before it.</summary>
    MergedWithPrevious,

    /// <summary>Prepends each match to the piece after it.</summary>
    MergedWithNext,

    /// <summary>Keeps runs of consecutive matches together as one piece.</summary>
    Contiguous,
}
