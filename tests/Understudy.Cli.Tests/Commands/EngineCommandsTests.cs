using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Cli.Tests.Commands;

public class EngineCommandsTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(System.CommandLine.Command command, params string[] args)
    {
        var root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliRunner.RunAsync(root, args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static string RealModel()
    {
        string? root = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
        if (string.IsNullOrEmpty(root)) Assert.Skip("UNDERSTUDY_TEST_MODELS is not set; real-model tests are skipped.");
        return Path.Combine(root, "stories260K-hf");
    }

    [Fact]
    public async Task Models_inspect_reports_architecture_and_parameter_count_of_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("understudy-cli-model-").FullName;
        try
        {
            var config = new ModelConfig
            {
                ModelType = "qwen2",
                HiddenSize = 16,
                IntermediateSize = 24,
                NumHiddenLayers = 2,
                NumAttentionHeads = 2,
                NumKeyValueHeads = 1,
                VocabSize = 40,
                TieWordEmbeddings = true,
            };
            using (var model = ModelArchitectures.Create(config, CPU, ScalarType.Float32))
            {
                ModelWeights.Randomize(model, 1);
                CausalLanguageModels.Save(model, folder);
            }

            var (code, output, _) = await RunAsync(ModelsCommand.Create(), "models", "inspect", folder);

            Assert.Equal(0, code);
            Assert.Contains("Qwen2ForCausalLM", output);
            Assert.Contains("4,624", output);           // 40·16 + 2·(16·16+16 + 2·(16·8+8) + 16·16 + 3·16·24 + 2·16) + 16
            Assert.Contains("no tokenizer.json", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_continues_the_prompt_with_the_published_greedy_story()
    {
        string model = RealModel();

        var (code, output, error) = await RunAsync(GenerateCommand.Create(), "generate", "--model", model, "--prompt", "Once upon a time", "--max-new-tokens", "20", "--temperature", "0");

        Assert.Equal(0, code);
        Assert.StartsWith(", there was a little girl named Lily.", output);
        Assert.Contains("20 generated tokens", error);
    }

    [Fact]
    public async Task Chat_reads_turns_until_an_empty_line()
    {
        string model = RealModel();
        var input = new StringReader("Lily went\n/reset\nTom saw\n\n");

        var (code, output, _) = await RunAsync(ChatCommand.Create(input), "chat", "--model", model, "--max-new-tokens", "8", "--temperature", "0");

        Assert.Equal(0, code);
        Assert.Equal(4, output.Split("> ").Length - 1);    // two turns, the /reset line, the closing empty line
    }

    [Fact]
    public async Task Generate_with_a_missing_model_fails_with_a_clear_message()
    {
        var (code, _, error) = await RunAsync(GenerateCommand.Create(), "generate", "--model", "not-a-folder", "--prompt", "x");

        Assert.NotEqual(0, code);
        Assert.Contains("not-a-folder", error);
    }
}
