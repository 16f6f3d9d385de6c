using System.Diagnostics;
using TorchSharp.Modules;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Training;

/// <summary>
/// Supervised fine-tuning of a <see cref="CausalLanguageModel"/>: AdamW (decay/no-decay groups), a LambdaLR
/// warm-up schedule, gradient accumulation (the loss of a step is normalised by the step's target tokens, so
/// 2 × batch 1 equals batch 2), gradient clipping, optional gradient checkpointing, eval loss, and resumable
/// checkpoints. Only <c>trainable</c> parameters are updated (LoRA adapters, or every weight for a full fine-tune).
/// </summary>
public sealed class CausalLmTrainer
{
    private readonly CausalLanguageModel _model;
    private readonly IReadOnlyList<(string Name, Parameter Parameter)> _trainable;
    private readonly TrainingOptions _options;
    private readonly Action<string>? _writeSnapshot;

    /// <param name="model">The model; its trainable parameters must already require gradients.</param>
    /// <param name="trainable">The parameters to update, by unique name (the checkpoint keys).</param>
    /// <param name="options">Hyperparameters.</param>
    /// <param name="writeSnapshot">Writes extra files into each checkpoint folder (e.g. the PEFT adapter); optional.</param>
    public CausalLmTrainer(CausalLanguageModel model, IReadOnlyList<(string Name, Parameter Parameter)> trainable,
        TrainingOptions options, Action<string>? writeSnapshot = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainable);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _trainable = trainable;
        _options = options;
        _writeSnapshot = writeSnapshot;
    }

    /// <summary>Trains on <paramref name="train"/> (evaluating on <paramref name="eval"/> when scheduled); resumes from the latest checkpoint when allowed.</summary>
    public TrainingRunResult Train(IReadOnlyList<ChatTrainingExample> train, IReadOnlyList<ChatTrainingExample> eval,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        var clock = Stopwatch.StartNew();
        var rows = TrainingRow.Build(train, _options.Packing, _options.MaxSeqLength, _options.Seed);
        var evalRows = TrainingRow.Build(eval, _options.Packing, _options.MaxSeqLength, _options.Seed);
        var plan = TrainingPlan.For(rows.Count, _options);
        var parameters = _trainable.Select(p => p.Parameter).ToList();

        random.manual_seed(_options.Seed);
        using AdamW optimizer = ParameterGroups.CreateAdamW(_trainable, _options.LearningRate, _options.WeightDecay);
        var state = new TrainerState { MaxSteps = plan.TotalSteps };
        string? resumeFrom = _options.CheckpointDir is { } dir && _options.ResumeFromCheckpoint ? TrainingCheckpoints.FindLatest(dir) : null;
        if (resumeFrom is not null)
        {
            state = TrainingCheckpoints.Load(resumeFrom, _trainable, optimizer);
            TrainingCheckpoints.RestoreRng(state.RngState);
            foreach (var group in optimizer.ParamGroups)
            {
                // LambdaLR scales the rate it finds at construction; the loaded state holds a scheduled one.
                group.LearningRate = _options.LearningRate;
                group.InitialLearningRate = _options.LearningRate;
            }
        }
        var scheduler = optim.lr_scheduler.LambdaLR(optimizer, LearningRateSchedule.Create(_options.LrSchedulerType, plan.WarmupSteps, plan.TotalSteps));
        for (int s = 0; s < state.SchedulerSteps; s++) scheduler.step();

        int resumedFrom = state.GlobalStep;
        long tokensAtStart = state.TokensSeen;
        bool wasCheckpointing = GradientCheckpointing.IsEnabled(_model);
        GradientCheckpointing.Enable(_model, _options.GradientCheckpointing);
        var trainLog = state.TrainLoss.ToList();
        var evalLog = state.EvalLoss.ToList();
        var window = new LossWindow();
        try
        {
            for (int step = state.GlobalStep; step < plan.TotalSteps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _model.train();
                double learningRate = scheduler.get_last_lr().First();
                var (loss, tokens, targets) = OptimizerStep(optimizer, parameters, rows, plan, state.MicroBatchesConsumed);
                scheduler.step();
                int done = step + 1;
                window.Add(loss, targets);
                state = state with
                {
                    GlobalStep = done,
                    Epoch = plan.EpochAfter(done),
                    MicroBatchesConsumed = state.MicroBatchesConsumed + plan.AccumulationSteps,
                    TokensSeen = state.TokensSeen + tokens,
                    SchedulerSteps = state.SchedulerSteps + 1,
                };
                bool epochEnd = plan.EndsEpoch(done), last = done == plan.TotalSteps;
                if (done % _options.LoggingSteps == 0 || last) trainLog.Add(new TrainLossPoint(done, window.TakeMean(), learningRate));
                if (evalRows.Count > 0 && ((_options.EvalEverySteps > 0 && done % _options.EvalEverySteps == 0) || (_options.EvalAtEpochEnd && (epochEnd || last))))
                    evalLog.Add(new EvalLossPoint(done, Evaluate(evalRows)));
                if (_options.CheckpointDir is { } checkpointDir && !last
                    && ((_options.SaveEverySteps > 0 && done % _options.SaveEverySteps == 0) || (_options.SaveAtEpochEnd && epochEnd)))
                {
                    state = state with { RngState = TrainingCheckpoints.CaptureRng(), TrainLoss = trainLog.ToList(), EvalLoss = evalLog.ToList() };
                    TrainingCheckpoints.Save(checkpointDir, state, _trainable, optimizer, _writeSnapshot, _options.SaveTotalLimit);
                }
                double rate = (state.TokensSeen - tokensAtStart) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                TimeSpan? eta = done > resumedFrom ? clock.Elapsed / (done - resumedFrom) * (plan.TotalSteps - done) : null;
                progress?.Report(new TrainingProgress(done, plan.TotalSteps, state.Epoch, loss, learningRate, state.TokensSeen,
                    rate, eta, evalLog.Count > 0 ? evalLog[^1].Loss : null));
            }
        }
        finally
        {
            GradientCheckpointing.Enable(_model, wasCheckpointing);
            _model.eval();
        }
        return new TrainingRunResult(state.GlobalStep, resumedFrom, trainLog, evalLog, state.TokensSeen, clock.Elapsed);
    }

    /// <summary>Mean loss per target token over <paramref name="examples"/> (no gradients).</summary>
    public double Evaluate(IReadOnlyList<ChatTrainingExample> examples) =>
        Evaluate(TrainingRow.Build(examples, _options.Packing, _options.MaxSeqLength, _options.Seed));

    private double Evaluate(IReadOnlyList<TrainingRow> rows)
    {
        _model.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long targets = 0;
        for (int start = 0; start < rows.Count; start += _options.EvalBatchSize)
        {
            using var scope = NewDisposeScope();
            using var batch = TrainingBatch.Collate(rows.Skip(start).Take(_options.EvalBatchSize).ToList(), _options.PadTokenId, _model.Device);
            sum += CausalLmLoss.Sum(_model.call(batch.ToModelInput()), batch.Labels).item<float>();
            targets += batch.Targets;
        }
        return targets == 0 ? double.NaN : sum / targets;
    }

    private (double Loss, long Tokens, long Targets) OptimizerStep(
        AdamW optimizer, List<Parameter> parameters, IReadOnlyList<TrainingRow> rows, TrainingPlan plan, long firstMicroBatch)
    {
        var micro = Enumerable.Range(0, plan.AccumulationSteps)
            .Select(i => plan.RowsOfMicroBatch(firstMicroBatch + i, _options.TrainBatchSize, _options.Seed).Select(r => rows[r]).ToList())
            .ToList();
        long targets = micro.Sum(b => b.Sum(r => r.Examples.Sum(e => Math.Max(0, e.IsTarget.Skip(1).Count(t => t)))));
        double normaliser = Math.Max(1, targets);
        optimizer.zero_grad();
        double lossSum = 0;
        long tokens = 0;
        foreach (var batchRows in micro)
        {
            using var scope = NewDisposeScope();
            using var batch = TrainingBatch.Collate(batchRows, _options.PadTokenId, _model.Device);
            Tensor loss = CausalLmLoss.Sum(_model.call(batch.ToModelInput()), batch.Labels).div(normaliser);  // scalar
            loss.backward();
            lossSum += loss.item<float>();
            tokens += batch.Tokens;
        }
        GradientClipping.Clip(parameters, _options.MaxGradNorm);
        optimizer.step();
        return (lossSum, tokens, targets);
    }

    /// <summary>Target-weighted mean of the step losses since the last log entry.</summary>
    private sealed class LossWindow
    {
        private double _weighted;
        private long _targets;

        public void Add(double loss, long targets)
        {
            _weighted += loss * Math.Max(1, targets);
            _targets += Math.Max(1, targets);
        }

        public double TakeMean()
        {
            double mean = _weighted / Math.Max(1, _targets);
            (_weighted, _targets) = (0, 0);
            return mean;
        }
    }
}
