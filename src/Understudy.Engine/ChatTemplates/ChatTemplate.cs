using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Evaluation;
using Understudy.Engine.ChatTemplates.Parsing;
using Understudy.Engine.ChatTemplates.Runtime;

namespace Understudy.Engine.ChatTemplates;

/// <summary>
/// A model's Jinja <c>chat_template</c>, parsed once by Understudy's Jinja-subset interpreter and rendered as
/// Hugging Face <c>apply_chat_template</c> does (<c>trim_blocks</c>, <c>lstrip_blocks</c>, <c>raise_exception</c>,
/// <c>strftime_now</c>, <c>tojson</c> without ASCII escaping). Immutable and thread-safe.
/// </summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<Statement> _template;
    private readonly TimeProvider _clock;

    private ChatTemplate(string source, IReadOnlyList<Statement> template, TimeProvider clock)
    {
        Source = source;
        _template = template;
        _clock = clock;
    }

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>Parses a template; syntax the interpreter does not support fails here with its line and column.</summary>
    /// <param name="source">The Jinja source (e.g. <c>tokenizer_config.json</c>'s <c>chat_template</c>).</param>
    /// <param name="clock">The clock behind <c>strftime_now</c> (local time); the system clock by default.</param>
    public static ChatTemplate Parse(string source, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate(source, TemplateParser.Parse(source), clock ?? TimeProvider.System);
    }

    /// <summary>Renders a conversation of plain role/content turns.</summary>
    public string Render(
        IEnumerable<ChatTemplateMessage> messages,
        bool addGenerationPrompt,
        string? bosToken = null,
        string? eosToken = null,
        IReadOnlyDictionary<string, object?>? extraVariables = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return RenderValues(messages.Select(TemplateValues.From).ToList(), addGenerationPrompt, bosToken, eosToken, extraVariables);
    }

    /// <summary>
    /// Renders messages given as dictionaries or JSON (for tool calls, content parts and other keys). Variables
    /// set as HF does: <c>messages</c>, <c>add_generation_prompt</c>, <c>bos_token</c>, <c>eos_token</c>,
    /// <c>tools</c>/<c>documents</c> (none unless in <paramref name="extraVariables"/>), then the extra variables.
    /// </summary>
    public string RenderValues(
        IReadOnlyList<object?> messages,
        bool addGenerationPrompt,
        string? bosToken = null,
        string? eosToken = null,
        IReadOnlyDictionary<string, object?>? extraVariables = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Scope globals = CreateGlobals();
        globals.Set("messages", messages.Select(m => TemplateValues.IsTemplateValue(m) ? m : TemplateValues.From(m)).ToList());
        globals.Set("add_generation_prompt", addGenerationPrompt);
        globals.Set("tools", null);
        globals.Set("documents", null);
        if (bosToken is not null) globals.Set("bos_token", bosToken);
        if (eosToken is not null) globals.Set("eos_token", eosToken);
        if (extraVariables is not null)
        {
            foreach ((string name, object? value) in extraVariables) globals.Set(name, TemplateValues.From(value));
        }
        return new TemplateRenderer().Render(_template, globals);
    }

    private Scope CreateGlobals()
    {
        var globals = new Scope(null);
        globals.Set("raise_exception", new TemplateFunction("raise_exception", (args, _) =>
            throw new TemplateRaiseSignal(args.Count > 0 ? PyValues.ToStr(args[0]) : "")));
        globals.Set("strftime_now", new TemplateFunction("strftime_now", (args, _) =>
            Strftime.Format(_clock.GetLocalNow().DateTime, args.Count > 0 ? PyValues.ToStr(args[0]) : "")));
        globals.Set("namespace", new TemplateFunction("namespace", (args, kwargs) =>
        {
            var ns = new TemplateNamespace();
            foreach (object? initial in args)
            {
                if (initial is Dictionary<string, object?> dict) foreach ((string k, object? v) in dict) ns.Attributes[k] = v;
            }
            foreach ((string k, object? v) in kwargs) ns.Attributes[k] = v;
            return ns;
        }));
        globals.Set("range", new TemplateFunction("range", (args, _) => Range(args)));
        globals.Set("dict", new TemplateFunction("dict", (_, kwargs) => new Dictionary<string, object?>(kwargs, StringComparer.Ordinal)));
        return globals;
    }

    private static List<object?> Range(IReadOnlyList<object?> args)
    {
        (long start, long stop, long step) = args.Count switch
        {
            1 => (0L, PyValues.ToLong(args[0]), 1L),
            2 => (PyValues.ToLong(args[0]), PyValues.ToLong(args[1]), 1L),
            3 => (PyValues.ToLong(args[0]), PyValues.ToLong(args[1]), PyValues.ToLong(args[2])),
            _ => throw new TemplateRuntimeException("range expects 1 to 3 arguments"),
        };
        if (step == 0) throw new TemplateRuntimeException("range() arg 3 must not be zero");
        var result = new List<object?>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) result.Add(i);
        return result;
    }
}
