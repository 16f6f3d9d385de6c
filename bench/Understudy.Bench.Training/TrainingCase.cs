using System.Diagnostics;
using Understudy.Engine.Adapters;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Models;
using Understudy.Engine.Quantization;
using Understudy.Engine.Training;
using static TorchSharp.torch;

namespace Understudy.Bench.Training;

/// <summary>One measured configuration: LoRA r=16 on q/k/v/o of a random-weight model, batch 1 of one sequence length.</summary>
internal sealed record TrainingCase(string Name, int SequenceLength, bool Checkpointing, bool EightBitBase, string Attention = AttentionImplementations.Sdpa)
{
    public static IReadOnlyList<TrainingCase> All(IReadOnlyList<int> lengths) => lengths.SelectMany(length => new[]
    {
        new TrainingCase($"lora fp32 T={length}", length, false, false),
        new TrainingCase($"lora + grad checkpointing T={length}", length, true, false),
        new TrainingCase($"lora + 8-bit base T={length}", length, false, true),
        new TrainingCase($"lora, eager attention T={length}", length, false, false, AttentionImplementations.Eager),
    }).ToList();

    /// <summary>Trains <paramref name="steps"/> optimizer steps after one warm-up step; returns tokens/s.</summary>
    public double Run(string configPath, int steps)
    {
        ModelConfig config = ModelConfig.Load(configPath) with { AttnImplementation = Attention };
        using var model = ModelArchitectures.Create(config, CPU, ScalarType.Float32);
        ModelWeights.Randomize(model, 1, 0.02);
        if (EightBitBase) WeightQuantizer.QuantizeFrozenLinears(model, new QuantizationSettings { Bits = 8, GroupSize = 64 });
        using var lora = LoraAdapters.Attach(model, new LoraSettings { Rank = 16, Alpha = 32, TargetModules = ["q_proj", "k_proj", "v_proj", "o_proj"] }, 1);
        lora.SetTrainingMode(true);
        var random = new Random(1);
        var examples = Enumerable.Range(0, steps + 1).Select(_ =>
        {
            var ids = Enumerable.Range(0, SequenceLength).Select(_ => random.Next(config.VocabSize)).ToList();
            return new ChatTrainingExample(ids, ids.Select((_, i) => i >= SequenceLength / 2).ToList());
        }).ToList();
        var options = new TrainingOptions
        {
            LearningRate = 1e-4, LrSchedulerType = "constant", TrainBatchSize = 1, MaxSteps = 1,
            GradientCheckpointing = Checkpointing, MaxSeqLength = SequenceLength, LoggingSteps = 1,
        };
        new CausalLmTrainer(model, lora.TrainableParameters, options).Train(examples.Take(1).ToList(), []);   // warm-up
        var clock = Stopwatch.StartNew();
        var result = new CausalLmTrainer(model, lora.TrainableParameters, options with { MaxSteps = steps }).Train(examples.Skip(1).ToList(), []);
        return result.TokensSeen / clock.Elapsed.TotalSeconds;
    }
}
