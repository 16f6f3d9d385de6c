using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Lexing;

namespace Understudy.Engine.ChatTemplates.Parsing;

/// <summary>
/// Recursive-descent parser from the token stream to the statement tree. Supports <c>if/elif/else</c>,
/// <c>for</c> (with <c>if</c> filter and <c>else</c>), <c>set</c> (incl. namespace attributes and blocks),
/// <c>macro</c>, <c>break</c>/<c>continue</c>, <c>generation</c>; anything else fails with its position.
/// </summary>
internal sealed partial class TemplateParser
{
    private readonly List<TemplateToken> _tokens;
    private int _index;

    private TemplateParser(List<TemplateToken> tokens) => _tokens = tokens;

    public static IReadOnlyList<Statement> Parse(string source)
    {
        var parser = new TemplateParser(TemplateLexer.Tokenize(source));
        (List<Statement> body, string? end) = parser.ParseBody();
        if (end is not null) throw parser.Error($"'{end}' without an opening tag", parser.Previous);
        return body;
    }

    private TemplateToken Current => _tokens[_index];

    private TemplateToken Previous => _tokens[Math.Max(0, _index - 1)];

    /// <summary>Parses statements until end of input or a block tag named in <paramref name="endTags"/> (consumed up to its name).</summary>
    private (List<Statement> Body, string? EndTag) ParseBody(params string[] endTags)
    {
        var body = new List<Statement>();
        while (true)
        {
            TemplateToken token = Current;
            switch (token.Kind)
            {
                case TokenKind.End:
                    if (endTags.Length > 0) throw Error($"missing {{% {endTags[^1]} %}}: the template ends first", token);
                    return (body, null);
                case TokenKind.Text:
                    _index++;
                    body.Add(new TextStatement(token.Value, token.Line, token.Column));
                    break;
                case TokenKind.VariableBegin:
                    _index++;
                    Expression value = ParseExpression();
                    Expect(TokenKind.VariableEnd, "'}}'");
                    body.Add(new OutputStatement(value, token.Line, token.Column));
                    break;
                case TokenKind.BlockBegin:
                    _index++;
                    TemplateToken name = Expect(TokenKind.Name, "a statement name");
                    if (endTags.Contains(name.Value)) return (body, name.Value);
                    body.Add(ParseStatement(name));
                    break;
                default:
                    throw Error($"unexpected {token}", token);
            }
        }
    }

    private Statement ParseStatement(TemplateToken name)
    {
        switch (name.Value)
        {
            case "if": return ParseIf(name);
            case "for": return ParseFor(name);
            case "set": return ParseSet(name);
            case "macro": return ParseMacro(name);
            case "break" or "continue":
                Expect(TokenKind.BlockEnd, "'%}'");
                return new LoopControlStatement(name.Value == "break", name.Line, name.Column);
            case "generation":
                Expect(TokenKind.BlockEnd, "'%}'");
                (List<Statement> body, _) = ParseBody("endgeneration");
                Expect(TokenKind.BlockEnd, "'%}'");
                return new BlockStatement(body, name.Line, name.Column);
            default:
                throw Error($"the '{name.Value}' statement is not supported by Understudy's chat template renderer", name);
        }
    }

    private AssignTarget ParseTarget(bool allowAttribute)
    {
        var items = new List<AssignTarget>();
        do
        {
            if (items.Count > 0) _index++;
            string name = Expect(TokenKind.Name, "a variable name").Value;
            if (allowAttribute && Current.IsOperator("."))
            {
                _index++;
                items.Add(new AttributeTarget(name, Expect(TokenKind.Name, "an attribute name").Value));
            }
            else
            {
                items.Add(new NameTarget(name));
            }
        }
        while (Current.IsOperator(","));
        return items.Count == 1 ? items[0] : new TupleTarget(items);
    }

    private TemplateToken Expect(TokenKind kind, string description, string? value = null)
    {
        TemplateToken token = Current;
        if (token.Kind != kind || (value is not null && token.Value != value))
            throw Error($"expected {description}, found {token}", token);
        _index++;
        return token;
    }

    private ChatTemplateException Error(string message, TemplateToken at) => new(message, at.Line, at.Column);
}
