using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Understudy.Cli.Commands;
using Understudy.Cli.Commands.Datasets;
using Understudy.Cli.Hosting;
using Understudy.ServiceSimulator;
using Understudy.ServiceSimulator.Example;
using Understudy.ServiceSimulator.Hosting;
using Understudy.Testing;
using Understudy.Testing.Models;

namespace Understudy.Cli.Tests.Commands;

/// <summary>
/// The bundled ticket-triage example, shrunk to test size, set up once for <see cref="DuoEndToEndTests"/>: the real
/// service simulator on 127.0.0.1 (port 0) plays teacher and judge over the OpenAI API, 20 coverage rows from the
/// simulator's example generator are imported with <c>understudy datasets import</c>, the student is a tiny random
/// Llama with a byte-level tokenizer written here, and <c>understudy duo</c> has run once (2 iterations, thresholds
/// no random student reaches).
/// </summary>
public sealed partial class DuoEndToEndFixture : IAsyncLifetime
{
    public const string DatasetId = "ticket-triage/coverage";

    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-duo-e2e-").FullName;
    private ServiceSimulatorServer? _simulator;

    public string Workspace => Path.Combine(_folder, "workspace");

    /// <summary>The duo.yaml every invocation runs.</summary>
    public string ConfigPath => Path.Combine(_folder, "duo.yaml");

    /// <summary>The first <c>understudy duo</c> invocation.</summary>
    public CliResult FirstRun { get; private set; } = new(-1, "", "");

    /// <summary>The run id the first invocation printed.</summary>
    public string FirstRunId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        _simulator = await ServiceSimulatorServer.StartAsync(new ServiceSimulatorOptions { Port = 0, Seed = 1 }, ct);
        string student = Path.Combine(_folder, "student-base");
        // Every byte is a token: the ticket prompts are ~1,100 bytes with their answer.
        TinyChatModel.Write(student, maxPositions: 2048);
        string coverage = Path.Combine(_folder, "coverage.jsonl");
        await CoverageExampleWriter.WriteAsync(coverage, rowCount: 20, cancellationToken: ct);
        CliResult imported = await RunAsync("datasets", "import", coverage, "--name", DatasetId);
        Assert.True(imported.Code == ExitCodes.Success, imported.Error);
        WriteConfig(student, _simulator.BaseUrl.ToString());

        FirstRun = await RunDuoAsync();
        Match runId = RunIdPattern().Match(FirstRun.Output);
        Assert.True(runId.Success, $"duo printed no run id.\n{FirstRun}");
        FirstRunId = runId.Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Runs <c>understudy duo --from-config duo.yaml</c>.</summary>
    public Task<CliResult> RunDuoAsync() => RunAsync("duo", "--from-config", ConfigPath);

    /// <summary>Runs one command line in-process against the workspace, as the <c>understudy</c> binary would.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        RootCommand root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(DatasetsCommand.Create());
        root.Subcommands.Add(DuoCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = await CliRunner.RunAsync(root, [.. args, "--workspace", Workspace], output, error, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// duo.yaml, shaped like the example's, and its step files: the example's own for batch-infer, evaluate, synth
    /// (capped at 4 rows by max_synth_samples) and curate; a fine-tune file for the tiny student (one epoch, no truncation).
    /// </summary>
    private void WriteConfig(string student, string baseUrl)
    {
        string finetune = Path.Combine(_folder, "finetune.yaml");
        File.WriteAllText(finetune, "use_peft: false\ntorch_dtype: float32\nlearning_rate: 0.003\nnum_train_epochs: 1\n" +
            "per_device_train_batch_size: 4\nmax_seq_length: 2048\ndo_eval: false\nsave_strategy: \"no\"\nlogging_steps: 1\nseed: 42\n");
        string Role(string role) =>
            $"{role}:\n  provider: openai\n  model: {SimulatorModels.Teacher}\n  base_url: {baseUrl}\n  max_retries: 2\n";
        File.WriteAllText(ConfigPath, $"""
            name: ticket-triage-e2e
            coverage_ds_id: {DatasetId}
            prompt_tmpl_path: {RepositoryFiles.Path("examples", "ticket-triage", "prompts.toml")}
            max_iterations: 2
            avg_similarity_threshold: 100
            avg_precision_threshold: 100
            max_synth_samples: 4
            evaluate_teacher: true
            curate: true
            {Role("teacher")}{Role("judge")}student:
              base_model: {student}
              continue_training: true
            steps:
              finetune: {finetune}
              batch_infer: {Example("batch_inference.yaml")}
              evaluate: {Example("evaluation.yaml")}
              synth: {Example("synth_data_gen.yaml")}
              curate: {Example("curate.yaml")}
              merge: ""
            """);
    }

    private static string Example(string stepFile) => RepositoryFiles.Path("examples", "ticket-triage", "duo", stepFile);

    [GeneratedRegex(@"understudy runs show (duo-[A-Za-z0-9_-]+);")]
    private static partial Regex RunIdPattern();
}

/// <summary>What one in-process command line returned and printed.</summary>
public sealed record CliResult(int Code, string Output, string Error)
{
    public override string ToString() => $"exit code {Code}\n--- output\n{Output}\n--- error\n{Error}";
}
