using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Lexing;

namespace Understudy.Engine.ChatTemplates.Parsing;

// Parenthesised expressions and tuple, list and dict literals.
internal sealed partial class TemplateParser
{
    private Expression ParseParenthesized(TemplateToken open)
    {
        if (Current.IsOperator(")"))
        {
            _index++;
            return new TupleExpression([], open.Line, open.Column);
        }
        Expression first = ParseExpression();
        if (Current.IsOperator(")"))
        {
            _index++;
            return first;
        }
        var items = new List<Expression> { first };
        while (Current.IsOperator(","))
        {
            _index++;
            if (Current.IsOperator(")")) break;
            items.Add(ParseExpression());
        }
        Expect(TokenKind.Operator, "')'", ")");
        return new TupleExpression(items, open.Line, open.Column);
    }

    private List<Expression> ParseSequence(string close)
    {
        var items = new List<Expression>();
        while (!Current.IsOperator(close))
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Operator, "','", ",");
                if (Current.IsOperator(close)) break;
            }
            items.Add(ParseExpression());
        }
        _index++;
        return items;
    }

    private DictExpression ParseDict(TemplateToken open)
    {
        var pairs = new List<(Expression, Expression)>();
        while (!Current.IsOperator("}"))
        {
            if (pairs.Count > 0)
            {
                Expect(TokenKind.Operator, "','", ",");
                if (Current.IsOperator("}")) break;
            }
            Expression key = ParseExpression();
            Expect(TokenKind.Operator, "':'", ":");
            pairs.Add((key, ParseExpression()));
        }
        _index++;
        return new DictExpression(pairs, open.Line, open.Column);
    }
}
