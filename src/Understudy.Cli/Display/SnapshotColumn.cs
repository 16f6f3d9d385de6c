using Spectre.Console;
using Spectre.Console.Rendering;

namespace Understudy.Cli.Display;

/// <summary>A Spectre progress column whose text is computed from the step's <see cref="ProgressState"/>.</summary>
internal sealed class SnapshotColumn(Func<ProgressTask, ProgressState?> stateOf, Func<ProgressState, string?> render) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var state = stateOf(task);
        var text = state is null ? null : render(state);
        return new Text(text ?? "", new Style(foreground: Color.Grey));
    }
}
