using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Lexing;

namespace Understudy.Engine.ChatTemplates.Parsing;

// Postfix forms: attribute access, subscripts and slices, calls, filters and tests.
internal sealed partial class TemplateParser
{
    private Expression ParsePostfix(Expression expression)
    {
        while (true)
        {
            TemplateToken token = Current;
            if (token.IsOperator("."))
            {
                _index++;
                TemplateToken name = Current;
                if (name.Kind is not (TokenKind.Name or TokenKind.Integer)) throw Error($"expected an attribute name after '.', found {name}", name);
                _index++;
                expression = name.Kind == TokenKind.Integer
                    ? new IndexExpression(expression, new LiteralExpression(long.Parse(name.Value, System.Globalization.CultureInfo.InvariantCulture), name.Line, name.Column), token.Line, token.Column)
                    : new AttributeExpression(expression, name.Value, token.Line, token.Column);
            }
            else if (token.IsOperator("["))
            {
                _index++;
                expression = ParseSubscript(expression, token);
            }
            else if (token.IsOperator("("))
            {
                _index++;
                expression = new CallExpression(expression, ParseArguments(), token.Line, token.Column);
            }
            else
            {
                return expression;
            }
        }
    }

    private Expression ParseSubscript(Expression target, TemplateToken open)
    {
        Expression? start = Current.IsOperator(":") ? null : ParseExpression();
        if (!Current.IsOperator(":"))
        {
            Expect(TokenKind.Operator, "']'", "]");
            return new IndexExpression(target, start!, open.Line, open.Column);
        }
        _index++;
        Expression? stop = Current.IsOperator(":") || Current.IsOperator("]") ? null : ParseExpression();
        Expression? step = null;
        if (Current.IsOperator(":"))
        {
            _index++;
            step = Current.IsOperator("]") ? null : ParseExpression();
        }
        Expect(TokenKind.Operator, "']'", "]");
        return new SliceExpression(target, start, stop, step, open.Line, open.Column);
    }

    /// <summary>Parses call arguments after the opening parenthesis, through the closing one.</summary>
    private Arguments ParseArguments()
    {
        var positional = new List<Expression>();
        var keyword = new List<(string, Expression)>();
        while (!Current.IsOperator(")"))
        {
            if (positional.Count + keyword.Count > 0) Expect(TokenKind.Operator, "','", ",");
            if (Current.IsOperator(")")) break;
            if (Current.Kind == TokenKind.Name && _tokens[_index + 1].IsOperator("="))
            {
                string name = Current.Value;
                _index += 2;
                keyword.Add((name, ParseExpression()));
                continue;
            }
            if (keyword.Count > 0) throw Error("a positional argument follows a keyword argument", Current);
            positional.Add(ParseExpression());
        }
        _index++;
        return new Arguments(positional, keyword);
    }

    private Expression ParseFiltersAndTests(Expression expression)
    {
        while (true)
        {
            TemplateToken token = Current;
            if (token.IsOperator("|"))
            {
                _index++;
                string name = ParseDottedName();
                Arguments arguments = Arguments.None;
                if (Current.IsOperator("("))
                {
                    _index++;
                    arguments = ParseArguments();
                }
                expression = new FilterExpression(expression, name, arguments, token.Line, token.Column);
            }
            else if (token.IsName("is"))
            {
                _index++;
                expression = ParseTest(expression, token);
            }
            else if (token.IsOperator("("))
            {
                _index++;
                expression = new CallExpression(expression, ParseArguments(), token.Line, token.Column);
            }
            else
            {
                return expression;
            }
        }
    }

    private TestExpression ParseTest(Expression value, TemplateToken isToken)
    {
        bool negated = false;
        if (Current.IsName("not"))
        {
            negated = true;
            _index++;
        }
        string name = ParseDottedName();
        Arguments arguments = Arguments.None;
        TemplateToken next = Current;
        if (next.IsOperator("("))
        {
            _index++;
            arguments = ParseArguments();
        }
        else if ((next.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                  || next.IsOperator("[") || next.IsOperator("{"))
                 && !(next.IsName("else") || next.IsName("or") || next.IsName("and") || next.IsName("if")))
        {
            if (next.IsName("is")) throw Error("tests cannot be chained with 'is'", next);
            arguments = new Arguments([ParsePostfix(ParsePrimary())], []);
        }
        return new TestExpression(value, name, arguments, negated, isToken.Line, isToken.Column);
    }

    private string ParseDottedName()
    {
        string name = Expect(TokenKind.Name, "a filter or test name").Value;
        while (Current.IsOperator(".") && _tokens[_index + 1].Kind == TokenKind.Name)
        {
            name += "." + _tokens[_index + 1].Value;
            _index += 2;
        }
        return name;
    }
}
