namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>A callable template value: a global (<c>raise_exception</c>, <c>namespace</c>), a bound method or a macro.</summary>
internal sealed class TemplateFunction(string name, Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?> body)
{
    public string Name { get; } = name;

    public object? Invoke(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> keyword) => body(positional, keyword);

    /// <summary>The positional argument at <paramref name="index"/>, else the keyword <paramref name="keyword"/>, else the fallback.</summary>
    public static object? Argument(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> keywords, int index, string keyword, object? fallback) =>
        index < positional.Count ? positional[index] : keywords.TryGetValue(keyword, out object? value) ? value : fallback;
}
