namespace Understudy.Core.Observability;

/// <summary>
/// Names of the span attributes and events Understudy adds next to the GenAI semantic conventions
/// (<c>gen_ai.*</c>, written by Microsoft.Extensions.AI's OpenTelemetry client).
/// </summary>
public static class UnderstudyAttributes
{
    /// <summary>Prefix of every step span's name: <c>understudy.step evaluate</c>.</summary>
    public const string StepSpanPrefix = "understudy.step ";

    /// <summary>Prefix of a command run's root span name: <c>understudy.run evaluate</c>.</summary>
    public const string RunSpanPrefix = "understudy.run ";

    /// <summary>The CLI command of a run span.</summary>
    public const string Command = "understudy.command";

    /// <summary>The step name (<c>evaluate</c>, <c>batch-infer</c>...).</summary>
    public const string StepName = "understudy.step.name";

    /// <summary>The run id (the run summary's id), on step spans and every span below them.</summary>
    public const string RunId = "understudy.run.id";

    /// <summary>The duo loop iteration a step belongs to.</summary>
    public const string Iteration = "understudy.iteration";

    /// <summary>A dataset a step reads (<c>id:split</c>).</summary>
    public const string InputDataset = "understudy.dataset.input";

    /// <summary>A dataset a step writes (<c>id:split</c>).</summary>
    public const string OutputDataset = "understudy.dataset.output";

    /// <summary>Rows a step processed.</summary>
    public const string Rows = "understudy.rows";

    /// <summary>Rows a step could not process (recorded as failures).</summary>
    public const string FailedRows = "understudy.rows.failed";

    /// <summary>The mean (or single) judge similarity score, 0-100.</summary>
    public const string JudgeSimilarity = "understudy.judge.similarity";

    /// <summary>The mean (or single) judge precision score, 0-100.</summary>
    public const string JudgePrecision = "understudy.judge.precision";

    /// <summary>The evaluation verdict (<c>pass</c>/<c>fail</c>).</summary>
    public const string Verdict = "understudy.verdict";

    /// <summary>Name of the event recording one judgement on an evaluate span.</summary>
    public const string JudgementEvent = "understudy.judgement";

    /// <summary>Which model answered a failover request: <c>primary</c> or <c>fallback</c>.</summary>
    public const string Route = "understudy.route";

    /// <summary>The estimated cost of an LLM call in US dollars (from the usage ledger's price table).</summary>
    public const string CostUsd = "understudy.cost_usd";

    /// <summary>Time to first token of a streamed LLM call, in seconds.</summary>
    public const string TimeToFirstToken = "understudy.ttft_s";

    /// <summary>Mean time per output token after the first, in seconds.</summary>
    public const string TimePerOutputToken = "understudy.tpot_s";

    /// <summary>Langfuse's session attribute: groups the traces of one session in its UI.</summary>
    public const string LangfuseSessionId = "langfuse.session.id";
}
