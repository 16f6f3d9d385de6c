using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Lexing;

namespace Understudy.Engine.ChatTemplates.Parsing;

// Block statements: if/elif/else, for, set, macro.
internal sealed partial class TemplateParser
{
    private IfStatement ParseIf(TemplateToken tag)
    {
        var branches = new List<(Expression, IReadOnlyList<Statement>)>();
        Expression condition = ParseExpression();
        while (true)
        {
            Expect(TokenKind.BlockEnd, "'%}'");
            (List<Statement> body, string? end) = ParseBody("elif", "else", "endif");
            branches.Add((condition, body));
            if (end == "elif")
            {
                condition = ParseExpression();
                continue;
            }
            if (end == "endif")
            {
                Expect(TokenKind.BlockEnd, "'%}'");
                return new IfStatement(branches, [], tag.Line, tag.Column);
            }
            Expect(TokenKind.BlockEnd, "'%}'");
            (List<Statement> elseBody, _) = ParseBody("endif");
            Expect(TokenKind.BlockEnd, "'%}'");
            return new IfStatement(branches, elseBody, tag.Line, tag.Column);
        }
    }

    private ForStatement ParseFor(TemplateToken tag)
    {
        AssignTarget target = ParseTarget(allowAttribute: false);
        if (!Current.IsName("in")) throw Error("expected 'in' after the loop variable", Current);
        _index++;
        Expression iterable = ParseConditional(allowConditional: false);
        Expression? filter = null;
        if (Current.IsName("if"))
        {
            _index++;
            filter = ParseConditional(allowConditional: false);
        }
        if (Current.IsName("recursive")) throw Error("recursive loops are not supported", Current);
        Expect(TokenKind.BlockEnd, "'%}'");
        (List<Statement> body, string? end) = ParseBody("else", "endfor");
        List<Statement> elseBody = [];
        Expect(TokenKind.BlockEnd, "'%}'");
        if (end == "else")
        {
            (elseBody, _) = ParseBody("endfor");
            Expect(TokenKind.BlockEnd, "'%}'");
        }
        return new ForStatement(target, iterable, filter, body, elseBody, tag.Line, tag.Column);
    }

    private Statement ParseSet(TemplateToken tag)
    {
        AssignTarget target = ParseTarget(allowAttribute: true);
        if (Current.Kind == TokenKind.BlockEnd && target is NameTarget blockName)
        {
            _index++;
            (List<Statement> body, _) = ParseBody("endset");
            Expect(TokenKind.BlockEnd, "'%}'");
            return new SetBlockStatement(blockName.Name, body, tag.Line, tag.Column);
        }
        if (!Current.IsOperator("=")) throw Error("expected '=' in the set statement", Current);
        _index++;
        Expression value = ParseTupleOrExpression();
        Expect(TokenKind.BlockEnd, "'%}'");
        return new SetStatement(target, value, tag.Line, tag.Column);
    }

    private MacroStatement ParseMacro(TemplateToken tag)
    {
        string name = Expect(TokenKind.Name, "the macro name").Value;
        Expect(TokenKind.Operator, "'('", "(");
        var parameters = new List<(string, Expression?)>();
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0) Expect(TokenKind.Operator, "','", ",");
            string parameter = Expect(TokenKind.Name, "a parameter name").Value;
            Expression? fallback = null;
            if (Current.IsOperator("="))
            {
                _index++;
                fallback = ParseExpression();
            }
            parameters.Add((parameter, fallback));
        }
        _index++;
        Expect(TokenKind.BlockEnd, "'%}'");
        (List<Statement> body, _) = ParseBody("endmacro");
        Expect(TokenKind.BlockEnd, "'%}'");
        return new MacroStatement(name, parameters, body, tag.Line, tag.Column);
    }
}
