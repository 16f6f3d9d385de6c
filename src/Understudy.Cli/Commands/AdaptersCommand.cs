using System.CommandLine;
using Understudy.Engine.Adapters;
using Understudy.Engine.Hub;
using Understudy.Cli.Hosting;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy adapters merge --adapter DIR --output DIR [--model BASE] [--torch-dtype auto]</c>: folds a LoRA adapter
/// (PEFT format) into its base model and writes a full Hugging Face model folder.
/// </summary>
public static class AdaptersCommand
{
    /// <summary>Creates the <c>adapters</c> command group.</summary>
    public static Command Create()
    {
        var adapters = new Command("adapters", "Work with LoRA adapters (PEFT format)");
        adapters.Subcommands.Add(CreateMerge());
        return adapters;
    }

    private static Command CreateMerge()
    {
        var model = new Option<string?>("--model")
        {
            Description = "Base model folder or Hugging Face id (default: the adapter's base_model_name_or_path)",
            HelpName = "path-or-id",
        };
        var adapter = new Option<string>("--adapter") { Description = "Adapter folder (adapter_config.json + adapter_model.safetensors)", Required = true, HelpName = "dir" };
        var output = new Option<string>("--output") { Description = "Folder to write the merged model into (must not hold a model yet)", Required = true, HelpName = "dir" };
        var dtype = new Option<string>("--torch-dtype")
        {
            Description = "dtype of the merged weights: auto (the base checkpoint's), float32, bfloat16 or float16",
            DefaultValueFactory = _ => "auto",
            HelpName = "dtype",
        };
        var merge = new Command("merge", "Merge a LoRA adapter into its base model and write a full model (config.json, model.safetensors, tokenizer)")
        {
            model, adapter, output, dtype,
        };
        merge.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            string adapterFolder = parseResult.GetValue(adapter)!;
            try
            {
                string? reference = parseResult.GetValue(model) ?? PeftAdapterConfig.Load(Path.Combine(adapterFolder, PeftAdapterConfig.FileName)).BaseModelNameOrPath;
                if (string.IsNullOrEmpty(reference))
                {
                    await error.WriteLineAsync("error: the adapter names no base_model_name_or_path; pass --model.");
                    return ExitCodes.UsageError;
                }
                var progress = new Progress<string>(message => error.WriteLine(message));
                string baseFolder = await new HubModelResolver(HubOptions.FromEnvironment()).ResolveAsync(reference, progress, cancellationToken);
                string outputFolder = parseResult.GetValue(output)!;
                var merged = AdapterMerger.MergeToFolder(baseFolder, adapterFolder, outputFolder, parseResult.GetValue(dtype)!);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                    $"merged {merged.Count} LoRA layer(s) of {adapterFolder} into {reference}; wrote {outputFolder}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or NotSupportedException or InvalidOperationException)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Failure;
            }
        });
        return merge;
    }
}
