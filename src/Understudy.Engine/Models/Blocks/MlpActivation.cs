namespace Understudy.Engine.Models.Blocks;

/// <summary>The gate activation of <see cref="GatedMlp"/>.</summary>
public enum MlpActivation
{
    /// <summary>x·sigmoid(x) (<c>silu</c>): Llama, Qwen, Mistral, Phi-3.</summary>
    Silu,

    /// <summary>GELU with the tanh approximation (<c>gelu_pytorch_tanh</c>): Gemma.</summary>
    GeluTanh,
}

/// <summary>Reads the activation name of config.json.</summary>
public static class MlpActivations
{
    /// <summary>Maps <c>hidden_act</c>/<c>hidden_activation</c> to an activation, with a clear error for others.</summary>
    public static MlpActivation Parse(string? name, MlpActivation fallback) => name switch
    {
        null => fallback,
        "silu" or "swish" => MlpActivation.Silu,
        "gelu_pytorch_tanh" or "gelu_tanh" or "gelu_new" or "gelu_fast" => MlpActivation.GeluTanh,
        _ => throw new NotSupportedException($"config.json: activation '{name}' is not supported (supported: silu, gelu_pytorch_tanh)."),
    };
}
