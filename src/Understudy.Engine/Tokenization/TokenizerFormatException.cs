namespace Understudy.Engine.Tokenization;

/// <summary>A <c>tokenizer.json</c> or <c>tokenizer_config.json</c> that cannot be used, with the file and key at fault.</summary>
public sealed class TokenizerFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> (a file path or a description of the input).</summary>
    public TokenizerFormatException(string source, string message)
        : base($"{source}: {message}")
    {
        Origin = source;
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public TokenizerFormatException(string source, string message, Exception inner)
        : base($"{source}: {message}", inner)
    {
        Origin = source;
    }

    /// <summary>The file (or input description) that is at fault.</summary>
    public string Origin { get; }
}
