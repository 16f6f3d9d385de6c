namespace Understudy.Engine.ChatTemplates.Lexing;

/// <summary>A token with its text (operator, name, unescaped string, raw text) and 1-based position.</summary>
internal readonly record struct TemplateToken(TokenKind Kind, string Value, int Line, int Column)
{
    public bool Is(TokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsName(string name) => Kind == TokenKind.Name && Value == name;

    public bool IsOperator(string op) => Kind == TokenKind.Operator && Value == op;

    public override string ToString() => Kind switch
    {
        TokenKind.End => "end of template",
        TokenKind.String => $"string '{Value}'",
        TokenKind.Text => "template text",
        _ => $"'{Value}'",
    };
}
