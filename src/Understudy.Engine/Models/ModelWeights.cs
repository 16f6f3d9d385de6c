using Understudy.Engine.Models.Blocks;
using Understudy.Engine.Safetensors;
using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>Moves weights between a model and safetensors files, and initialises random weights for tests/benchmarks.</summary>
public static class ModelWeights
{
    /// <summary>
    /// Copies every parameter of <paramref name="model"/> from <paramref name="checkpoint"/> (converting dtype).
    /// Fails naming the keys that are missing; keys the model does not use are listed in the error too.
    /// </summary>
    public static void Load(CausalLanguageModel model, SafetensorsCheckpoint checkpoint, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var expected = model.state_dict();
        var missing = expected.Keys.Where(k => !checkpoint.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            var unexpected = checkpoint.Tensors.Keys.Where(k => !expected.ContainsKey(k)).Take(5);
            throw new InvalidDataException(
                $"{source}: the checkpoint lacks {missing.Count} tensor(s) the {model.Config.ModelType} model needs, e.g. " +
                $"{string.Join(", ", missing.Take(5))}. Unused keys in the file include: {string.Join(", ", unexpected)}. " +
                "Check that config.json matches the weights (model_type, tie_word_embeddings, num_hidden_layers).");
        }
        foreach (var (name, parameter) in expected) checkpoint.CopyInto(name, parameter);
    }

    /// <summary>Writes the model's weights as one <c>model.safetensors</c> file in the model's dtype.</summary>
    public static void Save(CausalLanguageModel model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafetensorsWriter.Write(path, model.state_dict(), metadata ?? new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>
    /// Fills weights with N(0, std²) from a seeded generator and norm weights with their neutral value (for tests and
    /// benchmarks at realistic sizes: speed does not depend on the values).
    /// </summary>
    public static void Randomize(CausalLanguageModel model, long seed, double std = 0.02)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        var norms = model.modules().OfType<RmsNorm>().ToDictionary(n => (object)n.Weight, n => n.NeutralWeight, ReferenceEqualityComparer.Instance);
        foreach (var (_, parameter) in model.named_parameters())
        {
            if (norms.TryGetValue(parameter, out double neutral))
            {
                parameter.fill_(neutral);
                continue;
            }
            using Tensor values = randn(parameter.shape, ScalarType.Float32, generator: generator).mul_(std);
            parameter.copy_(values);
        }
    }
}
