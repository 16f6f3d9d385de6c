using Understudy.Engine.ChatTemplates.Ast;
using Understudy.Engine.ChatTemplates.Runtime;

namespace Understudy.Engine.ChatTemplates.Evaluation;

/// <summary>A macro defined by <c>{% macro %}</c>, closed over the scope it was defined in.</summary>
internal sealed record MacroValue(MacroStatement Definition, Scope DefiningScope);

/// <summary>A call of a macro with evaluated arguments.</summary>
internal sealed record MacroCall(MacroValue Macro, IReadOnlyList<object?> Positional, IReadOnlyDictionary<string, object?> Keyword);
