using Understudy.Core.Configuration;
using Understudy.Pipelines.Duo;

namespace Understudy.Pipelines.Tests.Duo;

public sealed class DuoStepFilesTests
{
    [Fact]
    public async Task A_step_file_that_sets_a_key_the_loop_wires_gets_a_warning_naming_it()
    {
        using var duo = new DuoHarness();
        File.AppendAllText(duo.StepFile("evaluate"), "eval_ds_id: my/evals\n");
        duo.Config.AvgSimilarityThreshold = duo.Config.AvgPrecisionThreshold = 30;

        await duo.RunAsync();

        Assert.Contains(duo.Log, l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("key 'eval_ds_id' is set by duo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_synth_files_num_samples_and_seed_are_used_per_iteration_without_a_warning()
    {
        using var duo = new DuoHarness();

        await duo.RunAsync();

        Assert.Equal(8, (await duo.Workspace.RowsAsync<Understudy.Core.Datasets.SynthRow>("duo-triage/synth-1", "train")).Count);
        Assert.DoesNotContain(duo.Log, l => l.StartsWith("warning: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_key_in_a_step_file_is_an_error_naming_the_step_and_the_key()
    {
        using var duo = new DuoHarness();
        File.AppendAllText(duo.StepFile("evaluate"), "eval_repeats: 3\n");

        var error = await Assert.ThrowsAsync<ConfigException>(() => duo.RunAsync());

        Assert.Contains("steps.evaluate", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'eval_repeats' (did you mean 'eval_repeat'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_file_that_does_not_exist_is_an_error_naming_the_step()
    {
        var error = Assert.Throws<ConfigException>(() => new StepConfigFile<Understudy.Pipelines.Evaluation.EvaluationConfig>("evaluate", "no-such-file.yaml"));

        Assert.Contains("steps.evaluate: config file 'no-such-file.yaml' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duo_config_rejects_unknown_keys_and_missing_roles()
    {
        string path = Path.Combine(Path.GetTempPath(), $"duo-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\ncoverage_ds_id: cov\nteacher:\n  model: t\n  modle: typo\njudge:\n  model: j\n");
        try
        {
            var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<DuoConfig>(path));

            Assert.Contains("unknown key 'teacher.modle'", error.Message, StringComparison.Ordinal);
            Assert.Contains("student.base_model is required", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
