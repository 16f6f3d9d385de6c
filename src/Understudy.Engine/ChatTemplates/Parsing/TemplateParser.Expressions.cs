using System.Globalization;
using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Lexing;

namespace Understudy.Engine.ChatTemplates.Parsing;

// Expression grammar, with Jinja2's precedence (lowest first):
// conditional → or → and → not → comparison/in → + - → ~ → * / // % → ** → unary - + → primary, postfix, | filter, is test.
internal sealed partial class TemplateParser
{
    private static readonly HashSet<string> Comparisons = ["==", "!=", "<", "<=", ">", ">="];

    private Expression ParseExpression() => ParseConditional(allowConditional: true);

    private Expression ParseTupleOrExpression()
    {
        TemplateToken start = Current;
        Expression first = ParseExpression();
        if (!Current.IsOperator(",")) return first;
        var items = new List<Expression> { first };
        while (Current.IsOperator(","))
        {
            _index++;
            items.Add(ParseExpression());
        }
        return new TupleExpression(items, start.Line, start.Column);
    }

    private Expression ParseConditional(bool allowConditional)
    {
        Expression expression = ParseOr();
        while (allowConditional && Current.IsName("if"))
        {
            TemplateToken tag = Current;
            _index++;
            Expression condition = ParseOr();
            Expression? otherwise = null;
            if (Current.IsName("else"))
            {
                _index++;
                otherwise = ParseConditional(allowConditional: true);
            }
            expression = new ConditionalExpression(condition, expression, otherwise, tag.Line, tag.Column);
        }
        return expression;
    }

    private Expression ParseOr() => ParseLeftAssociative(ParseAnd, t => t.IsName("or") ? "or" : null);

    private Expression ParseAnd() => ParseLeftAssociative(ParseNot, t => t.IsName("and") ? "and" : null);

    private Expression ParseNot()
    {
        if (!Current.IsName("not")) return ParseCompare();
        TemplateToken token = Current;
        _index++;
        return new UnaryExpression("not", ParseNot(), token.Line, token.Column);
    }

    private Expression ParseCompare()
    {
        Expression left = ParseMath1();
        while (true)
        {
            TemplateToken token = Current;
            string op;
            if (token.Kind == TokenKind.Operator && Comparisons.Contains(token.Value)) op = token.Value;
            else if (token.IsName("in")) op = "in";
            else if (token.IsName("not") && _tokens[_index + 1].IsName("in"))
            {
                op = "not in";
                _index++;
            }
            else return left;
            _index++;
            left = new BinaryExpression(op, left, ParseMath1(), token.Line, token.Column);
        }
    }

    private Expression ParseMath1() => ParseLeftAssociative(ParseConcat, t => t.IsOperator("+") || t.IsOperator("-") ? t.Value : null);

    private Expression ParseConcat() => ParseLeftAssociative(ParseMath2, t => t.IsOperator("~") ? "~" : null);

    private Expression ParseMath2() => ParseLeftAssociative(ParsePow,
        t => t.Kind == TokenKind.Operator && t.Value is "*" or "/" or "//" or "%" ? t.Value : null);

    private Expression ParsePow() => ParseLeftAssociative(() => ParseUnary(withFilter: true), t => t.IsOperator("**") ? "**" : null);

    private Expression ParseLeftAssociative(Func<Expression> operand, Func<TemplateToken, string?> operatorOf)
    {
        Expression left = operand();
        while (operatorOf(Current) is { } op)
        {
            TemplateToken token = Current;
            _index++;
            left = new BinaryExpression(op, left, operand(), token.Line, token.Column);
        }
        return left;
    }

    private Expression ParseUnary(bool withFilter)
    {
        TemplateToken token = Current;
        Expression expression;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            _index++;
            expression = new UnaryExpression(token.Value, ParseUnary(withFilter: false), token.Line, token.Column);
        }
        else
        {
            expression = ParsePrimary();
        }
        expression = ParsePostfix(expression);
        return withFilter ? ParseFiltersAndTests(expression) : expression;
    }

    private Expression ParsePrimary()
    {
        TemplateToken token = Current;
        _index++;
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpression(true, token.Line, token.Column),
                    "false" or "False" => new LiteralExpression(false, token.Line, token.Column),
                    "none" or "None" => new LiteralExpression(null, token.Line, token.Column),
                    _ => new NameExpression(token.Value, token.Line, token.Column),
                };
            case TokenKind.String:
                string text = token.Value;
                while (Current.Kind == TokenKind.String) text += _tokens[_index++].Value;
                return new LiteralExpression(text, token.Line, token.Column);
            case TokenKind.Integer:
                return new LiteralExpression(long.Parse(token.Value, CultureInfo.InvariantCulture), token.Line, token.Column);
            case TokenKind.Float:
                return new LiteralExpression(double.Parse(token.Value, CultureInfo.InvariantCulture), token.Line, token.Column);
            case TokenKind.Operator when token.Value == "(":
                return ParseParenthesized(token);
            case TokenKind.Operator when token.Value == "[":
                return new ListExpression(ParseSequence("]"), token.Line, token.Column);
            case TokenKind.Operator when token.Value == "{":
                return ParseDict(token);
            default:
                throw Error($"unexpected {token} in an expression", token);
        }
    }
}
