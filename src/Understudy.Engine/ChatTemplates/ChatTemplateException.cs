namespace Understudy.Engine.ChatTemplates;

/// <summary>A chat template that cannot be parsed or rendered, with the line and column at fault.</summary>
public class ChatTemplateException : Exception
{
    /// <summary>Creates the error; <paramref name="line"/> and <paramref name="column"/> are 1-based (0 when unknown).</summary>
    public ChatTemplateException(string message, int line, int column)
        : base(line > 0 ? $"Chat template line {line}, column {column}: {message}" : message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>Creates the error with the exception that caused it.</summary>
    public ChatTemplateException(string message, int line, int column, Exception inner)
        : base(line > 0 ? $"Chat template line {line}, column {column}: {message}" : message, inner)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the template where the error is (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the template where the error is (0 when unknown).</summary>
    public int Column { get; }
}
