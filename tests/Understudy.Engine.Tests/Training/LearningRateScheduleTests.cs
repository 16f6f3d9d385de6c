using Understudy.Engine.Tests.Support;
using Understudy.Engine.Training;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2, 0.5)]
    [InlineData(4, 1.0)]
    [InlineData(9, 11.0 / 16)]
    [InlineData(20, 0.0)]
    [InlineData(25, 0.0)]
    public void Linear_warms_up_then_decays_to_zero(int step, double expected) =>
        Assert.Equal(expected, LearningRateSchedule.Create("linear", 4, 20)(step), 12);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.25)]
    [InlineData(4, 1.0)]
    [InlineData(12, 0.5)]
    [InlineData(20, 0.0)]
    public void Cosine_warms_up_then_follows_half_a_cosine(int step, double expected) =>
        Assert.Equal(expected, LearningRateSchedule.Create("cosine", 4, 20)(step), 12);

    [Fact]
    public void Cosine_matches_its_formula_at_every_step()
    {
        var schedule = LearningRateSchedule.Create("cosine", 3, 17);
        for (int step = 3; step <= 17; step++)
        {
            Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * (step - 3) / 14.0)), schedule(step), 12);
        }
    }

    [Fact]
    public void Constant_ignores_warmup_and_constant_with_warmup_does_not()
    {
        Assert.Equal(1.0, LearningRateSchedule.Create("constant", 4, 20)(0));
        Assert.Equal(0.25, LearningRateSchedule.Create("constant_with_warmup", 4, 20)(1));
        Assert.Equal(1.0, LearningRateSchedule.Create("constant_with_warmup", 4, 20)(15));
    }

    [Fact]
    public void An_unknown_schedule_names_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LearningRateSchedule.Create("polynomial", 0, 10));
        Assert.Contains("cosine", error.Message);
    }

    [Fact]
    public void The_trainer_logs_the_rate_each_step_used_as_base_times_the_schedule()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        var trainable = FullFineTuning.Prepare(model);
        var options = new TrainingOptions { LearningRate = 1e-3, LrSchedulerType = "linear", WarmupSteps = 2, MaxSteps = 6, LoggingSteps = 1, TrainBatchSize = 4 };
        var result = new CausalLmTrainer(model, trainable, options).Train(TrainingData.Codes(8), []);

        var expected = Enumerable.Range(0, 6).Select(s => 1e-3 * LearningRateSchedule.Linear(s, 2, 6)).ToArray();
        Assert.Equal(expected, result.TrainLoss.Select(p => p.LearningRate).ToArray(), new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
