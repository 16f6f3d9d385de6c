namespace Understudy.Engine.ChatTemplates;

/// <summary>
/// The template itself rejected the conversation through <c>raise_exception(...)</c> (e.g. "Conversation roles must
/// alternate user/assistant/…"); <see cref="Exception.Message"/> is the template's text, unchanged.
/// </summary>
public sealed class TemplateRaisedException : ChatTemplateException
{
    /// <summary>Creates the error with the template's own message.</summary>
    public TemplateRaisedException(string message, int line, int column)
        : base(message, 0, 0)
    {
        RaisedAtLine = line;
        RaisedAtColumn = column;
    }

    /// <summary>The line of the <c>raise_exception</c> call.</summary>
    public int RaisedAtLine { get; }

    /// <summary>The column of the <c>raise_exception</c> call.</summary>
    public int RaisedAtColumn { get; }
}
