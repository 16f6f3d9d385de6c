using System.Globalization;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Core.Lineage;

namespace Understudy.Cli.Commands.Runs;

/// <summary>Renders the run store: the runs table, one run's steps and lineage tree, and the diff of two runs.</summary>
internal static class LineageView
{
    private static readonly string[] KeyMetrics = ["similarity_mean", "precision_mean", "train_rows", "published", "kept", "final_train_loss", "pairs", "failed"];

    public static void WriteRuns(IAnsiConsole console, string storePath, IReadOnlyList<RunRecord> runs) =>
        SummaryTable.Write(console, $"Pipeline runs in {storePath}", ["run", "name", "status", "outcome", "started", "duration", "config hash"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Id, r.Name, Status(r.Status), r.Outcome ?? "-", r.StartedAt.ToString("u", CultureInfo.InvariantCulture),
                r.EndedAt is null ? "-" : ProgressText.FormatDuration(r.Duration), r.ConfigHash,
            ]));

    public static void WriteRun(IAnsiConsole console, RunRecord run, IReadOnlyList<StepRecord> steps)
    {
        SummaryTable.Write(console, run.Id, ["", "value"],
        [
            ["name", run.Name], ["command", run.Command], ["status", Status(run.Status)], ["outcome", run.Outcome ?? "-"],
            ["why", run.Message ?? "-"], ["started", run.StartedAt.ToString("u", CultureInfo.InvariantCulture)],
            ["duration", run.EndedAt is null ? "-" : ProgressText.FormatDuration(run.Duration)], ["config hash", run.ConfigHash],
        ]);
        SummaryTable.Write(console, "steps", ["#", "step", "status", "wall time", "cost", "metrics"],
            steps.Select(s => (IReadOnlyList<string>)
            [
                s.Sequence.ToString(CultureInfo.InvariantCulture), s.StepId,
                s.Status == StepStatus.Cached ? $"cached (from {s.CachedFrom})" : Status(s.Status) + (s.Error is null ? "" : $": {s.Error}"),
                s.Status == StepStatus.Cached ? "0s" : ProgressText.FormatDuration(s.Duration),
                double.IsNaN(s.Metric("cost_usd")) ? "-" : "$" + s.Metric("cost_usd").ToString("0.####", CultureInfo.InvariantCulture),
                string.Join(", ", KeyMetrics.Where(m => !double.IsNaN(s.Metric(m))).Select(m => $"{m}={Number(s.Metric(m))}")),
            ]));
        console.Write(LineageTree(run, steps));
        console.WriteLine();
    }

    /// <summary>The run as a tree: iteration → step → the artifacts it read (←) and wrote (→), with short content hashes.</summary>
    public static Tree LineageTree(RunRecord run, IReadOnlyList<StepRecord> steps)
    {
        var tree = new Tree(Markup.Escape($"lineage of {run.Id}"));
        foreach (var iteration in steps.GroupBy(s => s.Iteration))
        {
            TreeNode group = tree.AddNode(Markup.Escape(iteration.Key == 0 ? "teacher (once per run)" : $"iteration {iteration.Key}"));
            foreach (StepRecord step in iteration)
            {
                TreeNode node = group.AddNode(Markup.Escape($"{step.Kind} [{Status(step.Status)}]"));
                foreach (ArtifactRef input in step.Inputs)
                {
                    node.AddNode(Markup.Escape($"← {input.Role}: {input.Name} ({Short(input.Hash)})"));
                }
                foreach (ArtifactRef output in step.Outputs)
                {
                    node.AddNode(Markup.Escape($"→ {output.Role}: {output.Name} ({Short(output.Hash)})"));
                }
            }
        }
        return tree;
    }

    public static void WriteDiff(IAnsiConsole console, RunRecord left, RunRecord right, RunDiff diff)
    {
        if (diff.IsEmpty)
        {
            console.WriteLine($"{left.Id} and {right.Id} have the same config, steps, metrics and artifacts.");
            return;
        }
        SummaryTable.Write(console, $"config: {left.Id} → {right.Id}", ["key", left.Id, right.Id],
            diff.Config.Select(c => (IReadOnlyList<string>)[c.Key, c.Left ?? "(none)", c.Right ?? "(none)"]));
        SummaryTable.Write(console, "steps", ["step", "what", left.Id, right.Id],
            diff.Steps.SelectMany(s => s.Changes.Count == 0
                ? [(IReadOnlyList<string>)[s.StepId, "step", s.LeftStatus ?? "(not run)", s.RightStatus ?? "(not run)"]]
                : s.Changes.Select(c => (IReadOnlyList<string>)[s.StepId, c.Key, ShortValue(c.Left), ShortValue(c.Right)])));
    }

    private static string Status(StepStatus status) => status.ToString().ToLowerInvariant();

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Short(string hash) => hash.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, hash.Replace("sha256:", "", StringComparison.Ordinal).Length)];

    /// <summary>Artifact values are "name hash": shorten the hash so the table stays readable.</summary>
    private static string ShortValue(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }
        int at = value.LastIndexOf(" sha256:", StringComparison.Ordinal);
        return at < 0 ? value : $"{value[..at]} ({Short(value[(at + 1)..])})";
    }
}
