using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Runtime;

namespace Understudy.Engine.ChatTemplates.Evaluation;

/// <summary>Evaluates expressions with Python/Jinja semantics; errors carry the position of the innermost failing expression.</summary>
internal sealed class ExpressionEvaluator(Func<MacroCall, object?> callMacro)
{
    public object? Evaluate(Expression expression, Scope scope)
    {
        try
        {
            return EvaluateCore(expression, scope);
        }
        catch (TemplateRuntimeException ex)
        {
            throw new ChatTemplateException(ex.Message, expression.Line, expression.Column);
        }
        catch (TemplateRaiseSignal raised)
        {
            throw new TemplateRaisedException(raised.Message, expression.Line, expression.Column);
        }
    }

    private object? EvaluateCore(Expression expression, Scope scope) => expression switch
    {
        LiteralExpression literal => literal.Value,
        NameExpression name => scope.Lookup(name.Name),
        ListExpression list => list.Items.Select(item => Evaluate(item, scope)).ToList(),
        TupleExpression tuple => tuple.Items.Select(item => Evaluate(item, scope)).ToArray(),
        DictExpression dict => BuildDict(dict, scope),
        AttributeExpression attribute => Members.GetAttribute(Evaluate(attribute.Target, scope), attribute.Name),
        IndexExpression index => Members.GetItem(Evaluate(index.Target, scope), Evaluate(index.Index, scope)),
        SliceExpression slice => Members.Slice(Evaluate(slice.Target, scope), Optional(slice.Start, scope), Optional(slice.Stop, scope), Optional(slice.Step, scope)),
        CallExpression call => Call(call, scope),
        FilterExpression filter => ApplyFilter(filter, scope),
        TestExpression test => Tests.Apply(test.Name, Evaluate(test.Value, scope), Positional(test.Arguments, scope)) != test.Negated,
        UnaryExpression unary => Unary(unary, scope),
        BinaryExpression binary => Binary(binary, scope),
        ConditionalExpression conditional => PyValues.IsTruthy(Evaluate(conditional.Condition, scope))
            ? Evaluate(conditional.WhenTrue, scope)
            : conditional.WhenFalse is null ? new Undefined("the conditional expression has no else branch") : Evaluate(conditional.WhenFalse, scope),
        _ => throw new TemplateRuntimeException($"unsupported expression {expression.GetType().Name}"),
    };

    private object? Optional(Expression? expression, Scope scope) => expression is null ? null : Evaluate(expression, scope);

    private Dictionary<string, object?> BuildDict(DictExpression dict, Scope scope)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((Expression key, Expression value) in dict.Pairs)
        {
            object? evaluatedKey = Evaluate(key, scope);
            result[evaluatedKey as string ?? PyValues.ToStr(evaluatedKey)] = Evaluate(value, scope);
        }
        return result;
    }

    private object? Unary(UnaryExpression unary, Scope scope)
    {
        object? operand = Evaluate(unary.Operand, scope);
        return unary.Operator switch
        {
            "not" => !PyValues.IsTruthy(operand),
            "-" => operand is long l ? (object)(-l) : operand is bool b ? -(b ? 1L : 0L) : -PyValues.ToDouble(operand is Undefined u ? throw u.Fail() : operand),
            _ => operand is Undefined undefined ? throw undefined.Fail() : operand,
        };
    }

    private object? Binary(BinaryExpression binary, Scope scope)
    {
        object? left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case "and": return PyValues.IsTruthy(left) ? Evaluate(binary.Right, scope) : left;
            case "or": return PyValues.IsTruthy(left) ? left : Evaluate(binary.Right, scope);
        }
        object? right = Evaluate(binary.Right, scope);
        return binary.Operator switch
        {
            "==" => PyValues.Equals(left, right),
            "!=" => !PyValues.Equals(left, right),
            "<" => PyValues.Compare(left, right) < 0,
            "<=" => PyValues.Compare(left, right) <= 0,
            ">" => PyValues.Compare(left, right) > 0,
            ">=" => PyValues.Compare(left, right) >= 0,
            "in" => PyValues.Contains(right, left),
            "not in" => !PyValues.Contains(right, left),
            _ => Operators.Apply(binary.Operator, left, right),
        };
    }

    private object? ApplyFilter(FilterExpression filter, Scope scope) =>
        Filters.Apply(filter.Name, Evaluate(filter.Value, scope), Positional(filter.Arguments, scope), Keyword(filter.Arguments, scope));

    private object? Call(CallExpression call, Scope scope)
    {
        object? callee = Evaluate(call.Callee, scope);
        IReadOnlyList<object?> positional = Positional(call.Arguments, scope);
        IReadOnlyDictionary<string, object?> keyword = Keyword(call.Arguments, scope);
        return callee switch
        {
            TemplateFunction function => function.Invoke(positional, keyword),
            MacroValue macro => callMacro(new MacroCall(macro, positional, keyword)),
            Undefined undefined => throw undefined.Fail(),
            _ => throw new TemplateRuntimeException($"'{PyValues.TypeName(callee)}' object is not callable"),
        };
    }

    private List<object?> Positional(Arguments arguments, Scope scope) => arguments.Positional.Select(a => Evaluate(a, scope)).ToList();

    private Dictionary<string, object?> Keyword(Arguments arguments, Scope scope) =>
        arguments.Keyword.ToDictionary(k => k.Name, k => Evaluate(k.Value, scope), StringComparer.Ordinal);
}
