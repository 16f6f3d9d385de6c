using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Lineage;
using Understudy.Core.Prompts;
using Understudy.Llm.Accounting;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Curation;
using Understudy.Pipelines.Duo;
using Understudy.Pipelines.FineTuning;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy duo</c>: the whole LlamaDuo loop as one resumable pipeline (fine-tune → batch-infer → evaluate →
/// synth → curate → merge → ...), recorded in the run store. A rerun of an interrupted run resumes it.
/// </summary>
public static class DuoCommand
{
    private static readonly Option<string> Resume = new("--resume")
    {
        Description = "Resume this run id (default: the newest interrupted run with the same name and config)",
        HelpName = "run",
    };

    private static readonly Option<bool> NewRun = new("--new-run")
    {
        Description = "Start a new run even if an interrupted one exists (finished steps are still reused from the cache)",
    };

    public static Command Create()
    {
        var command = ConfigCommand.Create<DuoConfig>(
            "duo", "Run the LlamaDuo loop until the student passes, max_iterations, or a budget (resumes an interrupted run)", RunAsync);
        command.Options.Add(Resume);
        command.Options.Add(NewRun);
        return command;
    }

    private static async Task<int> RunAsync(ConfigCommandContext<DuoConfig> context, CancellationToken cancellationToken)
    {
        DuoConfig config = context.Config;
        var store = OpenStore(context.Workspace);
        var prompts = PromptLibrary.Load(config.PromptTmplPath);
        var ledger = new UsageLedger();
        using IChatClient teacher = await DuoRoleClients.CreateAsync(config.Teacher, "teacher", ChatClients, ledger, cancellationToken);
        using IChatClient judge = await DuoRoleClients.CreateAsync(config.Judge, "judge", ChatClients, ledger, cancellationToken);
        var trainer = new FineTuningStudentTrainer(store, new StepConfigFile<SftConfig>("finetune", config.Steps.Finetune));
        var curator = new CurationPipelineCurator(store, new StepConfigFile<CurationConfig>("curate", config.Steps.Curate));
        var services = new DuoServices
        {
            Teacher = teacher,
            Judge = judge,
            StudentRunner = new LocalEngineModelClientResolver(),
            Trainer = trainer,
            Curator = config.Curate ? curator : null,
            EvalPrompt = prompts.Get(PromptNames.Eval),
            SynthPrompt = prompts.Get(PromptNames.SynthDataGen),
            SpentUsd = () => ledger.Snapshot().CostUsd,
            StepHost = (step, work) => context.Progress.RunAsync(step, progress => work(progress.WithCost(ledger)),
                unit: step.EndsWith("/finetune", StringComparison.Ordinal) ? "steps" : "rows"),
            Log = line => context.Console.WriteLine(line),
        };
        string name = new([.. config.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        string modelsRoot = string.IsNullOrWhiteSpace(config.ModelsDir) ? Path.Combine(context.Workspace, "duo", name, "models") : Path.GetFullPath(config.ModelsDir);
        var identity = new DuoRunIdentity(DuoRunIdentity.ConfigHashOf(context.Effective), JsonSerializer.Serialize(context.Effective.ToRedactedDictionary()), modelsRoot,
            context.ParseResult.GetValue(Resume), context.ParseResult.GetValue(NewRun));
        foreach (string warning in trainer.Warnings.Concat(curator.Warnings))
        {
            context.Console.WriteLine("warning: " + warning);
        }

        DuoResult result = await new DuoLoop(store, LineageStore.ForWorkspace(context.Workspace)).RunAsync(config, identity, services, cancellationToken);

        WriteResult(context.Console, config, result, ledger);
        context.Run.SetVerdict(result.StopReason == DuoStopReason.Passed ? "pass" : "fail")
            .SetMetric("iterations", result.Iterations.Count).SetMetric("synthetic_rows", result.SyntheticRows)
            .SetMetric("cost_usd", (double)result.CostUsd)
            .AddOutput($"run {result.RunId}");
        if (result.Iterations.Count > 0)
        {
            context.Run.SetMetric("similarity_mean", result.Iterations[^1].SimilarityMean).SetMetric("precision_mean", result.Iterations[^1].PrecisionMean);
        }
        return ExitCodes.Success;
    }

    private static void WriteResult(IAnsiConsole console, DuoConfig config, DuoResult result, UsageLedger ledger)
    {
        string[] steps = ["finetune", "batch-infer", "evaluate", "synth", "curate", "merge"];
        SummaryTable.Write(console, $"duo {result.RunId}: stopped ({DuoStopReasons.Name(result.StopReason)})",
            ["iteration", "train rows", "similarity", "precision", "verdict", "synthetic rows", .. steps.Select(s => s + " (s)")],
            result.Iterations.Select(i => (IReadOnlyList<string>)
            [
                i.Iteration.ToString(CultureInfo.InvariantCulture), Count(i.TrainRows), Number(i.SimilarityMean), Number(i.PrecisionMean),
                i.Passed ? "PASS" : "fail", Count(i.SyntheticRows),
                .. steps.Select(s => i.StepSeconds.TryGetValue(s, out double seconds) ? Number(seconds) : "-"),
            ]));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"teacher (its own answers, judged the same way): similarity {Number(result.TeacherSimilarityMean)}, precision {Number(result.TeacherPrecisionMean)}; thresholds {config.AvgSimilarityThreshold} / {config.AvgPrecisionThreshold}"));
        console.WriteLine("why it stopped: " + result.Message);
        console.WriteLine($"service usage this invocation: {Cost(ledger)}; the run's recorded cost: ${result.CostUsd.ToString("0.####", CultureInfo.InvariantCulture)}");
        if (result.FinalStudent is { } student)
        {
            console.WriteLine($"final student: {student}");
        }
        console.WriteLine($"steps and lineage: understudy runs show {result.RunId}; report: understudy report {result.RunId}");
    }
}
