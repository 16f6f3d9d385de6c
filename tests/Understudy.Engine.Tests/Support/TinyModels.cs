using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Support;

/// <summary>Tiny random models for numerical tests.</summary>
public static class TinyModels
{
    /// <summary>A Llama config with grouped-query attention (4 heads over 2 KV heads).</summary>
    public static ModelConfig Llama(bool tied = true, bool bias = false, RopeScalingConfig? scaling = null) => new()
    {
        ModelType = "llama",
        HiddenSize = 32,
        IntermediateSize = 48,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        VocabSize = 61,
        MaxPositionEmbeddings = 128,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        RopeScaling = scaling,
        TieWordEmbeddings = tied,
        AttentionBias = bias,
        BosTokenId = 1,
        EosTokenId = [2],
    };

    /// <summary>A tiny config of each supported family, with its distinguishing features switched on.</summary>
    public static ModelConfig Family(string family) => family switch
    {
        "llama" => Llama(tied: false, bias: true),
        "qwen2" => Llama() with { ModelType = "qwen2" },
        "qwen3" => Llama() with { ModelType = "qwen3", HeadDim = 16 },
        "mistral" => Llama(tied: false) with { ModelType = "mistral", SlidingWindow = 3 },
        "gemma" => Llama() with { ModelType = "gemma", NumKeyValueHeads = 1, HeadDim = 12, TieWordEmbeddings = null },
        "gemma2" => Llama() with
        {
            ModelType = "gemma2",
            HeadDim = 16,
            QueryPreAttnScalar = 12,
            SlidingWindow = 3,
            AttnLogitSoftcapping = 0.5,
            FinalLogitSoftcapping = 2.0,
            TieWordEmbeddings = null,
        },
        "phi3" => Llama(tied: false) with { ModelType = "phi3", SlidingWindow = 4 },
        _ => throw new ArgumentException(family),
    };

    /// <summary>Builds the model for <paramref name="config"/> with seeded random weights.</summary>
    public static CausalLanguageModel Create(ModelConfig config, long seed = 7, ScalarType dtype = ScalarType.Float32, double std = 0.2)
    {
        var model = ModelArchitectures.Create(config, CPU, dtype);
        ModelWeights.Randomize(model, seed, std);
        model.eval();
        return model;
    }

    /// <summary>Saves a random model into <paramref name="folder"/>.</summary>
    public static void Save(ModelConfig config, string folder, long seed = 7, double std = 0.2)
    {
        using var model = Create(config, seed, std: std);
        CausalLanguageModels.Save(model, folder);
    }

    /// <summary>int64 [1, n] tensor of ids.</summary>
    public static Tensor Ids(params long[] ids) => tensor(ids, dtype: ScalarType.Int64).unsqueeze(0);
}
