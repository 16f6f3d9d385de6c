using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>The token embedding table (<c>embed_tokens.weight</c>, [vocab, hidden]); ids [B, T] → [B, T, hidden].</summary>
public sealed class TokenEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <summary>Allocates the table (uninitialised).</summary>
    public TokenEmbedding(long vocabSize, long hiddenSize, Device device, ScalarType dtype) : base(nameof(TokenEmbedding))
    {
        weight = new Parameter(WeightArena.Empty([vocabSize, hiddenSize], dtype, device), requires_grad: false);
        RegisterComponents();
    }

    /// <summary>The table; an LM head tied to the embeddings multiplies by this very tensor.</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        long[] shape = [.. ids.shape, weight.shape[1]];
        return weight.index_select(0, ids.reshape(-1)).view(shape).MoveToOuterDisposeScope();
    }
}
