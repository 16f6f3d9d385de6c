using Microsoft.Extensions.AI;
using Understudy.Core.Prompts;
using Understudy.Core.Runs;
using Understudy.Pipelines.BatchInference;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// What the loop runs its steps with: the teacher and judge (any <see cref="IChatClient"/>: a service, an
/// OpenAI-compatible server, or the built-in engine), the student's trainer and runner, the curator, the prompt
/// templates, and the cost spent so far by this process's calls (from the usage ledger).
/// </summary>
public sealed class DuoServices
{
    /// <summary>Generates synthetic training data, and answers the test split once as the ceiling.</summary>
    public required IChatClient Teacher { get; init; }

    /// <summary>Scores answers against references.</summary>
    public required IChatClient Judge { get; init; }

    /// <summary>Opens a trained student folder for batch-infer (the built-in engine in the CLI).</summary>
    public required IModelClientResolver StudentRunner { get; init; }

    /// <summary>Fine-tunes the student.</summary>
    public required IStudentTrainer Trainer { get; init; }

    /// <summary>Curates synthetic rows; null when <c>curate: false</c>.</summary>
    public ICurator? Curator { get; init; }

    /// <summary>The <c>[eval]</c> template.</summary>
    public required PromptTemplate EvalPrompt { get; init; }

    /// <summary>The <c>[synth_data_gen]</c> template.</summary>
    public required PromptTemplate SynthPrompt { get; init; }

    /// <summary>US dollars spent by this process's service calls so far (the usage ledger's total); 0 when unpriced.</summary>
    public Func<decimal> SpentUsd { get; init; } = () => 0m;

    /// <summary>Runs one step's work with a progress sink (the CLI shows a progress bar); the default gives none.</summary>
    public Func<string, Func<IProgress<StepProgress>?, Task<Core.Lineage.StepOutcome>>, Task<Core.Lineage.StepOutcome>> StepHost { get; init; } =
        (_, work) => work(null);

    /// <summary>Receives one line per notable event (step cached, iteration verdict, stop reason).</summary>
    public Action<string> Log { get; init; } = _ => { };
}
