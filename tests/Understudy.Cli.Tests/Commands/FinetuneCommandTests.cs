using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Core.Configuration;
using Understudy.Pipelines.FineTuning;

namespace Understudy.Cli.Tests.Commands;

public sealed class FinetuneCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-finetune-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(FinetuneCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliRunner.RunAsync(root, ["--workspace", Path.Combine(_folder, "ws"), .. args], output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_recipe_writes_the_handbook_recipe_with_flag_overrides_and_does_not_train()
    {
        string config = Path.Combine(_folder, "sft.yaml");
        File.WriteAllText(config, "model_name_or_path: HuggingFaceTB/SmolLM2-135M-Instruct\ndataset_mixer: {tickets: 1.0}\noutput_dir: out\n");
        string recipe = Path.Combine(_folder, "recipe");

        var (code, output, _) = await RunAsync("finetune", "--from-config", config, "--lora-r", "64", "--export-recipe", recipe);

        Assert.Equal(0, code);
        Assert.Contains("accelerate launch", output);
        var loaded = ConfigLoader.Load<SftConfig>(Path.Combine(recipe, RecipeExporter.RecipeFileName)).Config;
        Assert.Equal(64, loaded.LoraR);
        Assert.Equal(1.0, loaded.DatasetMixer["tickets"]);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    [Fact]
    public async Task An_unknown_optimizer_exits_with_a_usage_error_naming_optim()
    {
        string config = Path.Combine(_folder, "sft.yaml");
        File.WriteAllText(config, "model_name_or_path: m\ndataset_mixer: {tickets: 1.0}\noutput_dir: out\noptim: lion\n");

        var (code, _, error) = await RunAsync("finetune", "--from-config", config);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("optim", error);
    }
}
