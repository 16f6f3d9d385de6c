namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>The <c>loop</c> variable inside a <c>for</c>: index, first/last, length, neighbours, <c>cycle</c>.</summary>
internal sealed class LoopContext(IReadOnlyList<object?> items, int depth)
{
    public int Index0 { get; set; }

    public object? Attribute(string name) => name switch
    {
        "index0" => (long)Index0,
        "index" => (long)Index0 + 1,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => (long)depth,
        "depth0" => (long)depth - 1,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : Undefined.Name("previtem"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : Undefined.Name("nextitem"),
        "cycle" => new TemplateFunction("loop.cycle", (args, _) =>
            args.Count == 0 ? throw new TemplateRuntimeException("loop.cycle needs at least one argument") : args[Index0 % args.Count]),
        _ => Undefined.Attribute(this, name),
    };
}
