namespace Understudy.Engine.ChatTemplates.Lexing;

/// <summary>The kinds of token the template lexer produces.</summary>
internal enum TokenKind
{
    Text,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End,
}
