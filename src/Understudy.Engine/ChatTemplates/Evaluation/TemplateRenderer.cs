using System.Text;
using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Runtime;

namespace Understudy.Engine.ChatTemplates.Evaluation;

/// <summary>Executes the statement tree into text, with Jinja's scoping for loops and macros.</summary>
internal sealed class TemplateRenderer
{
    private enum Flow { Normal, Break, Continue }

    private readonly ExpressionEvaluator _expressions;

    public TemplateRenderer() => _expressions = new ExpressionEvaluator(CallMacro);

    public string Render(IReadOnlyList<Statement> template, Scope globals)
    {
        var output = new StringBuilder();
        Execute(template, new Scope(globals), output);
        return output.ToString();
    }

    private Flow Execute(IReadOnlyList<Statement> statements, Scope scope, StringBuilder output)
    {
        foreach (Statement statement in statements)
        {
            Flow flow = ExecuteOne(statement, scope, output);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow ExecuteOne(Statement statement, Scope scope, StringBuilder output)
    {
        switch (statement)
        {
            case TextStatement text:
                output.Append(text.Text);
                return Flow.Normal;
            case OutputStatement print:
                output.Append(PyValues.ToStr(_expressions.Evaluate(print.Value, scope)));
                return Flow.Normal;
            case IfStatement conditional:
                foreach ((Expression condition, IReadOnlyList<Statement> body) in conditional.Branches)
                {
                    if (PyValues.IsTruthy(_expressions.Evaluate(condition, scope))) return Execute(body, scope, output);
                }
                return Execute(conditional.ElseBody, scope, output);
            case ForStatement loop:
                ExecuteFor(loop, scope, output);
                return Flow.Normal;
            case SetStatement set:
                Assign(set.Target, _expressions.Evaluate(set.Value, scope), scope, set);
                return Flow.Normal;
            case SetBlockStatement block:
                var captured = new StringBuilder();
                Execute(block.Body, scope, captured);
                scope.Set(block.Name, captured.ToString());
                return Flow.Normal;
            case MacroStatement macro:
                scope.Set(macro.Name, new MacroValue(macro, scope));
                return Flow.Normal;
            case LoopControlStatement control:
                return control.IsBreak ? Flow.Break : Flow.Continue;
            case BlockStatement block:
                return Execute(block.Body, scope, output);
            default:
                throw new ChatTemplateException($"unsupported statement {statement.GetType().Name}", statement.Line, statement.Column);
        }
    }

    private void ExecuteFor(ForStatement loop, Scope scope, StringBuilder output)
    {
        object? iterable = _expressions.Evaluate(loop.Iterable, scope);
        IReadOnlyList<object?> items;
        try
        {
            items = PyValues.Iterate(iterable);
        }
        catch (TemplateRuntimeException ex)
        {
            throw new ChatTemplateException(ex.Message, loop.Iterable.Line, loop.Iterable.Column);
        }

        if (loop.Filter is not null)
        {
            items = items.Where(item =>
            {
                var probe = new Scope(scope);
                Assign(loop.Target, item, probe, loop);
                return PyValues.IsTruthy(_expressions.Evaluate(loop.Filter, probe));
            }).ToList();
        }
        if (items.Count == 0)
        {
            Execute(loop.ElseBody, scope, output);
            return;
        }

        int depth = scope.Lookup("loop") is LoopContext outer ? (int)(long)outer.Attribute("depth")! + 1 : 1;
        var context = new LoopContext(items, depth);
        for (int i = 0; i < items.Count; i++)
        {
            context.Index0 = i;
            var iteration = new Scope(scope);
            iteration.Set("loop", context);
            Assign(loop.Target, items[i], iteration, loop);
            if (Execute(loop.Body, iteration, output) == Flow.Break) break;
        }
    }

    private static void Assign(AssignTarget target, object? value, Scope scope, Statement at)
    {
        switch (target)
        {
            case NameTarget name:
                scope.Set(name.Name, value);
                break;
            case AttributeTarget attribute:
                if (scope.Lookup(attribute.Object) is not TemplateNamespace ns)
                    throw new ChatTemplateException($"cannot assign attribute on non-namespace object '{attribute.Object}'", at.Line, at.Column);
                ns.Attributes[attribute.Attribute] = value;
                break;
            case TupleTarget tuple:
                IReadOnlyList<object?> values = value is string or List<object?> or object?[]? PyValues.Iterate(value)
                    : throw new ChatTemplateException($"cannot unpack {PyValues.TypeName(value)} into {tuple.Items.Count} names", at.Line, at.Column);
                if (values.Count != tuple.Items.Count)
                    throw new ChatTemplateException($"expected {tuple.Items.Count} values to unpack, got {values.Count}", at.Line, at.Column);
                for (int i = 0; i < values.Count; i++) Assign(tuple.Items[i], values[i], scope, at);
                break;
        }
    }

    private object? CallMacro(MacroCall call)
    {
        MacroStatement definition = call.Macro.Definition;
        var frame = new Scope(call.Macro.DefiningScope);
        for (int i = 0; i < definition.Parameters.Count; i++)
        {
            (string name, Expression? fallback) = definition.Parameters[i];
            object? value = i < call.Positional.Count ? call.Positional[i]
                : call.Keyword.TryGetValue(name, out object? named) ? named
                : fallback is null ? new Undefined($"parameter '{name}' was not provided") : _expressions.Evaluate(fallback, frame);
            frame.Set(name, value);
        }
        foreach (string keyword in call.Keyword.Keys)
        {
            if (!definition.Parameters.Any(p => p.Name == keyword))
                throw new TemplateRuntimeException($"macro '{definition.Name}' takes no keyword argument '{keyword}'");
        }
        var output = new StringBuilder();
        Execute(definition.Body, frame, output);
        return output.ToString();
    }
}
