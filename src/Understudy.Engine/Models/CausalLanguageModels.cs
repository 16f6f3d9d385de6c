using Understudy.Engine.Kernels;
using Understudy.Engine.Safetensors;
using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>Loads and saves causal LMs in the Hugging Face folder layout (config.json + safetensors).</summary>
public static class CausalLanguageModels
{
    /// <summary>The config file name.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Builds the model that <c>config.json</c> in <paramref name="folder"/> describes and loads its weights.</summary>
    public static CausalLanguageModel Load(string folder, ModelLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= new ModelLoadOptions();
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Model folder not found: {folder}");
        ModelConfig config = ModelConfig.Load(Path.Combine(folder, ConfigFileName)) with
        {
            AttnImplementation = AttentionImplementations.Validate(options.AttnImplementation),
        };
        ScalarType dtype = options.ResolveDType(config);
        using var checkpoint = SafetensorsCheckpoint.Open(folder);
        CausalLanguageModel model;
        // CPU weights go into a few blocks on 2 MB pages: decode streams them all per token, faster off huge pages.
        using (WeightArena.Begin()) model = ModelArchitectures.Create(config, options.Device ?? CPU, dtype);
        try
        {
            ModelWeights.Load(model, checkpoint, folder);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }

    /// <summary>Writes config.json and model.safetensors for <paramref name="model"/> into <paramref name="folder"/>.</summary>
    public static void Save(CausalLanguageModel model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        var config = model.Config with
        {
            TorchDtype = model.DType switch
            {
                ScalarType.BFloat16 => "bfloat16",
                ScalarType.Float16 => "float16",
                _ => "float32",
            }
        };
        ModelWeights.Save(model, Path.Combine(folder, SafetensorsCheckpoint.SingleFileName));
        config.Save(Path.Combine(folder, ConfigFileName));
    }
}
