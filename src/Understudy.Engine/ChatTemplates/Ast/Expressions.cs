namespace Understudy.Engine.ChatTemplates.Ast;

// The expression tree of the Jinja subset: one record per syntax form, each with its source position.

/// <summary>Any expression, with the 1-based position of its first token.</summary>
internal abstract record Expression(int Line, int Column);

/// <summary>A string, number, boolean or none literal.</summary>
internal sealed record LiteralExpression(object? Value, int Line, int Column) : Expression(Line, Column);

/// <summary>A variable reference.</summary>
internal sealed record NameExpression(string Name, int Line, int Column) : Expression(Line, Column);

/// <summary><c>[a, b]</c>.</summary>
internal sealed record ListExpression(IReadOnlyList<Expression> Items, int Line, int Column) : Expression(Line, Column);

/// <summary><c>(a, b)</c>.</summary>
internal sealed record TupleExpression(IReadOnlyList<Expression> Items, int Line, int Column) : Expression(Line, Column);

/// <summary><c>{k: v}</c>.</summary>
internal sealed record DictExpression(IReadOnlyList<(Expression Key, Expression Value)> Pairs, int Line, int Column) : Expression(Line, Column);

/// <summary><c>x.name</c>.</summary>
internal sealed record AttributeExpression(Expression Target, string Name, int Line, int Column) : Expression(Line, Column);

/// <summary><c>x[i]</c>.</summary>
internal sealed record IndexExpression(Expression Target, Expression Index, int Line, int Column) : Expression(Line, Column);

/// <summary><c>x[start:stop:step]</c>.</summary>
internal sealed record SliceExpression(Expression Target, Expression? Start, Expression? Stop, Expression? Step, int Line, int Column)
    : Expression(Line, Column);

/// <summary>Call arguments: positional then keyword.</summary>
internal sealed record Arguments(IReadOnlyList<Expression> Positional, IReadOnlyList<(string Name, Expression Value)> Keyword)
{
    public static Arguments None { get; } = new([], []);
}

/// <summary><c>f(args)</c>.</summary>
internal sealed record CallExpression(Expression Callee, Arguments Arguments, int Line, int Column) : Expression(Line, Column);

/// <summary><c>x | name(args)</c>.</summary>
internal sealed record FilterExpression(Expression Value, string Name, Arguments Arguments, int Line, int Column) : Expression(Line, Column);

/// <summary><c>x is [not] name(args)</c>.</summary>
internal sealed record TestExpression(Expression Value, string Name, Arguments Arguments, bool Negated, int Line, int Column)
    : Expression(Line, Column);

/// <summary><c>not x</c>, <c>-x</c>, <c>+x</c>.</summary>
internal sealed record UnaryExpression(string Operator, Expression Operand, int Line, int Column) : Expression(Line, Column);

/// <summary>Arithmetic, comparison, <c>in</c>/<c>not in</c>, <c>~</c>, <c>and</c>/<c>or</c>.</summary>
internal sealed record BinaryExpression(string Operator, Expression Left, Expression Right, int Line, int Column) : Expression(Line, Column);

/// <summary><c>a if condition else b</c> (no else: undefined).</summary>
internal sealed record ConditionalExpression(Expression Condition, Expression WhenTrue, Expression? WhenFalse, int Line, int Column)
    : Expression(Line, Column);
