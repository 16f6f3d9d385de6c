using Microsoft.Extensions.AI;
using Understudy.Engine.Inference;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Inference;

public class LocalEmbeddingGeneratorTests
{
    [Fact]
    public async Task Embeddings_are_unit_vectors_of_hidden_size_and_do_not_depend_on_batch_padding()
    {
        using var model = TinyLocalModels.Create();
        using var generator = new LocalEmbeddingGenerator(model);
        var ct = TestContext.Current.CancellationToken;

        var alone = await generator.GenerateAsync(["short"], cancellationToken: ct);
        var batched = await generator.GenerateAsync(["a much longer text here", "short"], cancellationToken: ct);

        float[] a = alone[0].Vector.ToArray(), b = batched[1].Vector.ToArray();
        Assert.Equal(32, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 4);
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 4));
        Assert.NotEqual(batched[0].Vector.ToArray(), b);
        Assert.Equal(6 + 24, batched.Usage!.InputTokenCount);
    }

    [Fact]
    public void Metadata_reports_model_and_dimensions()
    {
        using var model = TinyLocalModels.Create();
        using var generator = new LocalEmbeddingGenerator(model);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal("tiny-llama", metadata.DefaultModelId);
        Assert.Equal(32, metadata.DefaultModelDimensions);
    }
}
