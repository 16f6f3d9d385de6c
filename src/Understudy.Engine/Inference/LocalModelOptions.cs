using Understudy.Engine.Models;
using Understudy.Engine.Tokenization;
using static TorchSharp.torch;

namespace Understudy.Engine.Inference;

/// <summary>How to load a <see cref="LocalModel"/>.</summary>
public sealed record LocalModelOptions
{
    /// <summary>float32 (default), bfloat16, float16, or auto (the checkpoint's torch_dtype).</summary>
    public string TorchDtype { get; init; } = "float32";

    /// <summary>The device; CPU by default.</summary>
    public Device? Device { get; init; }

    /// <summary>Builds the tokenizer from the model folder (default: <see cref="HfTokenizer.FromFolder"/>).</summary>
    public Func<string, ITokenizer> TokenizerLoader { get; init; } = HfTokenizer.FromFolder;

    /// <summary>
    /// A LoRA adapter folder (PEFT format: adapter_config.json + adapter_model.safetensors) to apply to the base model.
    /// It is merged into the base weights at load, so generation runs at the base model's speed.
    /// </summary>
    public string? AdapterPath { get; init; }

    /// <summary>The id reported as ModelId; defaults to the folder name.</summary>
    public string? ModelId { get; init; }

    internal ModelLoadOptions ToModelLoadOptions() => new() { TorchDtype = TorchDtype, Device = Device };
}
