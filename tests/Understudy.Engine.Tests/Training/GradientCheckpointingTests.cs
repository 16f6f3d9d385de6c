using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using Understudy.Engine.Training;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Training;

public sealed class GradientCheckpointingTests
{
    [Theory]
    [InlineData("llama")]
    [InlineData("mistral")]
    public void Checkpointed_layers_give_the_same_loss_and_gradients(string family)
    {
        var examples = TrainingData.Codes(4);
        var plain = Gradients(family, examples, checkpointing: false);
        var checkpointed = Gradients(family, examples, checkpointing: true);

        Assert.Equal(plain.Loss, checkpointed.Loss, 5);
        Assert.Equal(plain.Grads.Keys, checkpointed.Grads.Keys);
        var differing = plain.Grads.Where(p => !p.Value.allclose(checkpointed.Grads[p.Key], rtol: 1e-4, atol: 1e-5))
            .Select(p => $"{p.Key} by {(p.Value - checkpointed.Grads[p.Key]).abs().max().item<float>()} of {p.Value.abs().max().item<float>()}")
            .ToList();
        Assert.True(differing.Count == 0, string.Join("; ", differing));
    }

    [Fact]
    public void Lora_adapters_with_dropout_get_the_same_gradients_through_checkpointed_layers()
    {
        var examples = TrainingData.Codes(4);
        var plain = LoraGradients(examples, checkpointing: false);
        var checkpointed = LoraGradients(examples, checkpointing: true);

        Assert.Equal(plain.Keys, checkpointed.Keys);
        Assert.All(plain, p => Assert.True(p.Value.allclose(checkpointed[p.Key], rtol: 1e-4, atol: 1e-5), $"{p.Key} differs"));
        Assert.Contains(plain.Values, g => g.abs().max().item<float>() > 0);
    }

    [Fact]
    public void Checkpointing_is_bypassed_without_gradients()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        GradientCheckpointing.Enable(model);
        using var batch = TrainingBatch.Collate(TrainingRow.Build(TrainingData.Codes(2), false, 64, 1), 0, CPU);
        using var noGrad = no_grad();
        using var logits = model.call(batch.ToModelInput());
        Assert.False(logits.requires_grad);
        Assert.True(GradientCheckpointing.IsEnabled(model));
    }

    private static Dictionary<string, Tensor> LoraGradients(IReadOnlyList<Understudy.Engine.ChatTemplates.ChatTrainingExample> examples, bool checkpointing)
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.3);
        using var lora = Understudy.Engine.Adapters.LoraAdapters.Attach(model, new Understudy.Engine.Adapters.LoraSettings { Rank = 4, Alpha = 8, Dropout = 0.2, TargetModules = ["q_proj", "v_proj"] }, 3);
        using (no_grad())
        {
            // B starts at zero, which would give A no gradient; move it so both matrices are exercised.
            foreach (var (_, parameter) in lora.TrainableParameters) parameter.add_(0.05);
        }
        lora.SetTrainingMode(true);
        model.train();
        GradientCheckpointing.Enable(model, checkpointing);
        random.manual_seed(11);
        using var batch = TrainingBatch.Collate(TrainingRow.Build(examples, false, 64, 1), 0, CPU);
        using Tensor loss = CausalLmLoss.Sum(model.call(batch.ToModelInput()), batch.Labels);
        loss.backward();
        return lora.TrainableParameters.ToDictionary(p => p.Name, p => p.Parameter.grad!.clone());
    }

    private static (double Loss, Dictionary<string, Tensor> Grads) Gradients(string family, IReadOnlyList<Understudy.Engine.ChatTemplates.ChatTrainingExample> examples, bool checkpointing)
    {
        using var model = TinyModels.Create(TinyModels.Family(family), std: 0.3);
        var trainable = FullFineTuning.Prepare(model);
        model.train();
        GradientCheckpointing.Enable(model, checkpointing);
        using var batch = TrainingBatch.Collate(TrainingRow.Build(examples, false, 64, 1), 0, CPU);
        using Tensor loss = CausalLmLoss.Sum(model.call(batch.ToModelInput()), batch.Labels);
        loss.backward();
        return (loss.item<float>(), trainable.ToDictionary(p => p.Name, p => p.Parameter.grad!.clone()));
    }
}
