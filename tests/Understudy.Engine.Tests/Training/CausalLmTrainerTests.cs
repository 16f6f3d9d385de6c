using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using Understudy.Engine.Training;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Training;

public sealed class CausalLmTrainerTests
{
    [Fact]
    public void A_tiny_model_overfits_twenty_examples_and_greedily_reproduces_the_targets()
    {
        var examples = TrainingData.Codes(20);
        using var model = TinyModels.Create(TinyModels.Llama() with { HiddenSize = 64, IntermediateSize = 128 }, std: 0.1);
        var options = new TrainingOptions
        {
            LearningRate = 1e-2,
            LrSchedulerType = "constant_with_warmup",
            WarmupSteps = 10,
            MaxSteps = 200,
            TrainBatchSize = 20,
            LoggingSteps = 10,
            MaxGradNorm = 1.0,
        };
        var result = new CausalLmTrainer(model, FullFineTuning.Prepare(model), options).Train(examples, examples);

        Assert.True(result.TrainLoss[^1].Loss < 0.05, $"final train loss {result.TrainLoss[^1].Loss}");
        Assert.True(result.TrainLoss[0].Loss > 1.0, $"first train loss {result.TrainLoss[0].Loss}");
        foreach (var example in examples)
        {
            int[] targets = TrainingData.Targets(example);
            Assert.Equal(targets, Greedy(model, TrainingData.Prompt(example), targets.Length));
        }
    }

    [Fact]
    public void Two_accumulated_batches_of_one_equal_one_batch_of_two()
    {
        var examples = TrainingData.Codes(2);
        var options = new TrainingOptions { LearningRate = 1e-2, LrSchedulerType = "constant", MaxSteps = 1, MaxGradNorm = 0 };
        using var accumulated = TrainOnce(examples, options with { TrainBatchSize = 1, GradientAccumulationSteps = 2 }, out var lossAccumulated);
        using var together = TrainOnce(examples, options with { TrainBatchSize = 2 }, out var lossTogether);

        Assert.Equal(lossTogether, lossAccumulated, 5);
        AssertSameWeights(together, accumulated, 1e-6);
    }

    [Fact]
    public void Clipping_scales_the_gradient_norm_down_to_the_maximum_and_leaves_smaller_ones()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        var trainable = FullFineTuning.Prepare(model);
        using var batch = TrainingBatch.Collate(TrainingRow.Build(TrainingData.Codes(4), false, 64, 1), 0, CPU);
        CausalLmLoss.Sum(model.call(batch.ToModelInput()), batch.Labels).backward();
        var parameters = trainable.Select(p => p.Parameter).ToList();

        double before = GradientClipping.Clip(parameters, 0);
        double unchanged = GradientClipping.Clip(parameters, before * 2);
        double clipped = GradientClipping.Clip(parameters, before / 10);
        double after = GradientClipping.Clip(parameters, 0);

        Assert.True(before > 0);
        Assert.Equal(before, unchanged, 4);
        Assert.Equal(before, clipped, 4);
        Assert.Equal(before / 10, after, 4);
    }

    [Fact]
    public void A_run_killed_after_a_checkpoint_resumes_to_the_same_weights_and_losses()
    {
        var examples = TrainingData.Codes(12);
        string root = Directory.CreateTempSubdirectory("understudy-resume-").FullName;
        try
        {
            var options = new TrainingOptions
            {
                LearningRate = 5e-3,
                LrSchedulerType = "cosine",
                WarmupSteps = 2,
                MaxSteps = 8,
                TrainBatchSize = 3,
                GradientAccumulationSteps = 2,
                LoggingSteps = 2,
                SaveEverySteps = 2,
                SaveTotalLimit = 2,
                EvalEverySteps = 4,
            };
            using var uninterrupted = TinyModels.Create(TinyModels.Llama());
            var whole = new CausalLmTrainer(uninterrupted, FullFineTuning.Prepare(uninterrupted), options with { CheckpointDir = Path.Combine(root, "whole") })
                .Train(examples, examples.Take(4).ToList());

            string killedDir = Path.Combine(root, "killed");
            using (var killed = TinyModels.Create(TinyModels.Llama()))
            {
                using var cancel = new CancellationTokenSource();
                var stopAtFive = new SyncProgress(p => { if (p.Step == 5) cancel.Cancel(); });
                Assert.Throws<OperationCanceledException>(() =>
                    new CausalLmTrainer(killed, FullFineTuning.Prepare(killed), options with { CheckpointDir = killedDir })
                        .Train(examples, examples.Take(4).ToList(), stopAtFive, cancel.Token));
            }
            Assert.Equal([2, 4], TrainingCheckpoints.List(killedDir).Select(c => c.Step));

            using var resumed = TinyModels.Create(TinyModels.Llama());
            var rest = new CausalLmTrainer(resumed, FullFineTuning.Prepare(resumed), options with { CheckpointDir = killedDir })
                .Train(examples, examples.Take(4).ToList());

            Assert.Equal(4, rest.ResumedFromStep);
            Assert.Equal(8, rest.Steps);
            Assert.Equal(whole.TokensSeen, rest.TokensSeen);
            Assert.Equal(whole.TrainLoss.Select(p => p.Step), rest.TrainLoss.Select(p => p.Step));
            Assert.All(whole.TrainLoss.Zip(rest.TrainLoss), pair => Assert.Equal(pair.First.Loss, pair.Second.Loss, 5));
            Assert.All(whole.EvalLoss.Zip(rest.EvalLoss), pair => Assert.Equal(pair.First.Loss, pair.Second.Loss, 5));
            AssertSameWeights(uninterrupted, resumed, 1e-6);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static CausalLanguageModel TrainOnce(IReadOnlyList<Understudy.Engine.ChatTemplates.ChatTrainingExample> examples, TrainingOptions options, out double loss)
    {
        var model = TinyModels.Create(TinyModels.Llama());
        double last = double.NaN;
        new CausalLmTrainer(model, FullFineTuning.Prepare(model), options).Train(examples, [], new SyncProgress(p => last = p.Loss));
        loss = last;
        return model;
    }

    private static void AssertSameWeights(CausalLanguageModel expected, CausalLanguageModel actual, double tolerance)
    {
        var actualWeights = actual.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, weight) in expected.named_parameters())
        {
            double difference = (weight - actualWeights[name]).abs().max().item<float>();
            Assert.True(difference <= tolerance, $"{name} differs by {difference}");
        }
    }

    private static int[] Greedy(CausalLanguageModel model, int[] prompt, int count)
    {
        var ids = prompt.Select(i => (long)i).ToList();
        using var noGrad = no_grad();
        for (int i = 0; i < count; i++)
        {
            using var input = TinyModels.Ids([.. ids]);
            using var logits = model.call(ModelInput.ForSequence(input));
            ids.Add(logits[0, -1].argmax().item<long>());
        }
        return ids.Skip(prompt.Length).Select(i => (int)i).ToArray();
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
