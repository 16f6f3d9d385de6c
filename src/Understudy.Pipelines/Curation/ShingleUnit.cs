namespace Understudy.Pipelines.Curation;

/// <summary>What a MinHash shingle is made of.</summary>
public enum ShingleUnit
{
    /// <summary>n consecutive words.</summary>
    Word,

    /// <summary>n consecutive characters.</summary>
    Char,
}
