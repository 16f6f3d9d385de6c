using System.CommandLine;
using System.Globalization;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Engine.Generation;
using Understudy.Engine.Hub;
using Understudy.Engine.Models;
using Understudy.Engine.Safetensors;
using Understudy.Engine.Tokenization;
using static TorchSharp.torch;

namespace Understudy.Cli.Commands;

/// <summary><c>understudy models inspect PATH_OR_ID</c>: architecture, parameters, dtypes, tokenizer and chat template of a model.</summary>
public static class ModelsCommand
{
    /// <summary>Creates the <c>models</c> command group.</summary>
    public static Command Create()
    {
        var models = new Command("models", "Inspect local models");
        models.Subcommands.Add(CreateInspect());
        return models;
    }

    private static Command CreateInspect()
    {
        var path = new Argument<string>("path-or-id") { Description = "Model folder or Hugging Face id org/name[@revision]" };
        var inspect = new Command("inspect", "Show a model's architecture, parameter count, dtype, tokenizer and chat template") { path };
        inspect.SetAction(async (parseResult, cancellationToken) =>
        {
            string folder = await new HubModelResolver(HubOptions.FromEnvironment()).ResolveAsync(parseResult.GetValue(path)!, cancellationToken: cancellationToken);
            var config = ModelConfig.Load(Path.Combine(folder, CausalLanguageModels.ConfigFileName));
            using var model = ModelArchitectures.Create(config, META, ScalarType.Float32);    // shapes only, no weights
            long parameters = model.parameters().Sum(p => p.numel());
            using var checkpoint = SafetensorsCheckpoint.Open(folder);
            var stored = checkpoint.Tensors.Values;
            string dtypes = string.Join(", ", stored.GroupBy(t => t.DType).Select(g => $"{g.Key} ×{g.Count()}"));
            var tokenizer = File.Exists(Path.Combine(folder, "tokenizer.json")) ? HfTokenizer.FromFolder(folder) : null;
            var generation = GenerationConfigFile.Apply(Path.Combine(folder, GenerationConfigFile.FileName), new GenerationOptions());
            string template = tokenizer?.Config.ChatTemplates.TryGetValue(TokenizerConfig.DefaultTemplateName, out string? source) == true
                ? $"yes ({source.Length} chars)"
                : "none";

            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            SummaryTable.Write(console, folder, ["", "value"],
            [
                ["architecture", $"{model.GetType().Name} (model_type {config.ModelType})"],
                ["parameters", parameters.ToString("N0", CultureInfo.InvariantCulture)],
                ["layers × hidden", $"{config.NumHiddenLayers} × {config.HiddenSize} (intermediate {config.IntermediateSize})"],
                ["attention", $"{config.NumAttentionHeads} heads, {config.ResolvedKeyValueHeads} kv heads, head_dim {config.ResolvedHeadDim}"],
                ["context", $"{config.MaxPositionEmbeddings} positions, rope_theta {config.RopeTheta}, rope_scaling {config.RopeScaling?.Kind ?? "none"}"],
                ["tied embeddings", model.TiedEmbeddings ? "yes" : "no"],
                ["stored dtype", $"{config.TorchDtype ?? "?"} (tensors: {dtypes})"],
                ["weights", $"{checkpoint.Files.Count} file(s), {stored.Sum(t => t.ByteLength) / 1e6:F1} MB"],
                ["vocabulary", tokenizer is null ? "no tokenizer.json" : $"{tokenizer.VocabularySize} (bos {tokenizer.BosTokenId?.ToString(CultureInfo.InvariantCulture) ?? "-"}, eos {string.Join(",", tokenizer.EosTokenIds)})"],
                ["chat template", template],
                ["generation", $"do_sample {generation.DoSample}, temperature {generation.Temperature}, top_p {generation.TopP?.ToString(CultureInfo.InvariantCulture) ?? "-"}, eos {string.Join(",", generation.EosTokenIds)}"],
            ]);
            return ExitCodes.Success;
        });
        return inspect;
    }
}
