using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using Understudy.Engine.Training;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Training;

public sealed class TrainingBatchTests
{
    private static readonly ChatTrainingExample First = new([1, 10, 11, 12, 2], [false, false, true, true, true]);
    private static readonly ChatTrainingExample Second = new([1, 20, 21], [false, false, true]);

    [Fact]
    public void Labels_are_the_next_target_token_and_everything_else_is_ignored()
    {
        using var batch = TrainingBatch.Collate([new TrainingRow([First]), new TrainingRow([Second])], 0, CPU);

        Assert.Equal(new long[] { -100, 11, 12, 2, -100, -100, 21, -100, -100, -100 }, batch.Labels.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 10, 11, 12, 2, 1, 20, 21, 0, 0 }, batch.InputIds.data<long>().ToArray());
        Assert.Equal(new[] { true, true, true, true, true, true, true, true, false, false }, batch.ValidSlots.data<bool>().ToArray());
        Assert.Null(batch.SegmentIds);
        Assert.Equal((8L, 4L), (batch.Tokens, batch.Targets));
    }

    [Fact]
    public void A_packed_row_restarts_positions_and_never_labels_across_examples()
    {
        using var batch = TrainingBatch.Collate([new TrainingRow([First, Second])], 0, CPU);

        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 0, 1, 2 }, batch.PositionIds.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 0, 0, 0, 0, 1, 1, 1 }, batch.SegmentIds!.data<long>().ToArray());
        Assert.Equal(new long[] { -100, 11, 12, 2, -100, -100, 21, -100 }, batch.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Packing_fills_rows_up_to_the_maximum_length_and_keeps_every_example()
    {
        var examples = TrainingData.Codes(20);
        var rows = TrainingRow.Build(examples, packing: true, maxLength: 40, seed: 1);

        Assert.All(rows, row => Assert.True(row.Length <= 40));
        Assert.Equal(examples.Count, rows.Sum(r => r.Examples.Count));
        Assert.True(rows.Count < examples.Count / 2);
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("mistral")]
    [InlineData("gemma2")]
    public void A_packed_example_gets_the_same_logits_as_when_alone(string family)
    {
        using var model = TinyModels.Create(TinyModels.Family(family), std: 0.5);
        using var packed = TrainingBatch.Collate([new TrainingRow([First, Second])], 0, CPU);
        using var alone = TrainingBatch.Collate([new TrainingRow([Second])], 0, CPU);
        using var firstAlone = TrainingBatch.Collate([new TrainingRow([First])], 0, CPU);

        using var packedLogits = model.call(packed.ToModelInput());
        using var aloneLogits = model.call(alone.ToModelInput());
        using var firstLogits = model.call(firstAlone.ToModelInput());

        Assert.True(packedLogits.narrow(1, 5, 3).allclose(aloneLogits, rtol: 1e-4, atol: 1e-5));
        Assert.True(packedLogits.narrow(1, 0, 5).allclose(firstLogits, rtol: 1e-4, atol: 1e-5));
        // Without the segment mask the second example would see the first: the logits differ.
        using var leaky = model.call(new ModelInput(packed.InputIds, packed.PositionIds));
        Assert.False(leaky.narrow(1, 5, 3).allclose(aloneLogits, rtol: 1e-4, atol: 1e-5));
    }
}
