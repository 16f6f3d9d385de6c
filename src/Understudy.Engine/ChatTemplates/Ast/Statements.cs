namespace Understudy.Engine.ChatTemplates.Ast;

// The statement tree of the Jinja subset: one record per tag form, each with its source position.

/// <summary>Any template node, with the 1-based position of its tag.</summary>
internal abstract record Statement(int Line, int Column);

/// <summary>Literal template text.</summary>
internal sealed record TextStatement(string Text, int Line, int Column) : Statement(Line, Column);

/// <summary><c>{{ expression }}</c>.</summary>
internal sealed record OutputStatement(Expression Value, int Line, int Column) : Statement(Line, Column);

/// <summary><c>{% if %}…{% elif %}…{% else %}…{% endif %}</c>.</summary>
internal sealed record IfStatement(
    IReadOnlyList<(Expression Condition, IReadOnlyList<Statement> Body)> Branches,
    IReadOnlyList<Statement> ElseBody,
    int Line,
    int Column) : Statement(Line, Column);

/// <summary><c>{% for target in iterable if filter %}…{% else %}…{% endfor %}</c>.</summary>
internal sealed record ForStatement(
    AssignTarget Target,
    Expression Iterable,
    Expression? Filter,
    IReadOnlyList<Statement> Body,
    IReadOnlyList<Statement> ElseBody,
    int Line,
    int Column) : Statement(Line, Column);

/// <summary><c>{% set target = value %}</c>.</summary>
internal sealed record SetStatement(AssignTarget Target, Expression Value, int Line, int Column) : Statement(Line, Column);

/// <summary><c>{% set name %}…{% endset %}</c>: the rendered body assigned.</summary>
internal sealed record SetBlockStatement(string Name, IReadOnlyList<Statement> Body, int Line, int Column) : Statement(Line, Column);

/// <summary><c>{% macro name(params) %}…{% endmacro %}</c>.</summary>
internal sealed record MacroStatement(
    string Name,
    IReadOnlyList<(string Name, Expression? Default)> Parameters,
    IReadOnlyList<Statement> Body,
    int Line,
    int Column) : Statement(Line, Column);

/// <summary><c>{% break %}</c> / <c>{% continue %}</c> (Jinja's loopcontrols extension, which HF enables).</summary>
internal sealed record LoopControlStatement(bool IsBreak, int Line, int Column) : Statement(Line, Column);

/// <summary>A body rendered as is (HF's <c>{% generation %}</c> marker block).</summary>
internal sealed record BlockStatement(IReadOnlyList<Statement> Body, int Line, int Column) : Statement(Line, Column);

/// <summary>What a <c>set</c> or <c>for</c> assigns to: a name, <c>namespace.attribute</c>, or a tuple of targets.</summary>
internal abstract record AssignTarget;

/// <summary>A plain variable.</summary>
internal sealed record NameTarget(string Name) : AssignTarget;

/// <summary><c>ns.attribute</c> on a namespace.</summary>
internal sealed record AttributeTarget(string Object, string Attribute) : AssignTarget;

/// <summary><c>a, b</c> unpacking.</summary>
internal sealed record TupleTarget(IReadOnlyList<AssignTarget> Items) : AssignTarget;
