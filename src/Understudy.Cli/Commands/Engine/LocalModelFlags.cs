using System.CommandLine;
using Understudy.Engine.Hub;
using Understudy.Engine.Inference;

namespace Understudy.Cli.Commands.Engine;

/// <summary>The flags every local-engine command shares: --model, --dtype, --adapter, --threads, and how they load a model.</summary>
internal sealed class LocalModelFlags
{
    public Option<string> Model { get; } = new("--model")
    {
        Description = "Model folder (config.json, safetensors, tokenizer.json) or Hugging Face id org/name[@revision]",
        Required = true,
        HelpName = "path-or-id",
    };

    public Option<string> Dtype { get; } = new("--dtype")
    {
        Description = "torch_dtype to compute in: float32, bfloat16, float16 or auto (the checkpoint's)",
        DefaultValueFactory = _ => "float32",
        HelpName = "dtype",
    };

    public Option<string?> Adapter { get; } = new("--adapter")
    {
        Description = "LoRA adapter folder (PEFT format) merged into the model at load",
        HelpName = "dir",
    };

    public Option<int?> Threads { get; } = new("--threads") { Description = "CPU threads for tensor ops (default: libtorch's choice)", HelpName = "n" };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Dtype);
        command.Options.Add(Adapter);
        command.Options.Add(Threads);
    }

    /// <summary>Resolves --model (downloading Hub ids into the HF cache) and loads it.</summary>
    public async Task<LocalModel> LoadAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Threads) is int threads) TorchSharp.torch.set_num_threads(threads);
        string reference = parseResult.GetValue(Model)!;
        var resolver = new HubModelResolver(HubOptions.FromEnvironment());
        var progress = new Progress<string>(message => parseResult.InvocationConfiguration.Error.WriteLine(message));
        string folder = await resolver.ResolveAsync(reference, progress, cancellationToken);
        return LocalModel.Load(folder, new Understudy.Engine.Inference.LocalModelOptions
        {
            TorchDtype = parseResult.GetValue(Dtype)!,
            ModelId = Directory.Exists(reference) ? null : reference,
            AdapterPath = parseResult.GetValue(Adapter),
        });
    }
}
