using System.Text.Json.Serialization;

namespace Understudy.Engine.Training;

/// <summary>
/// What a checkpoint records beside the weights and optimizer moments (<c>trainer_state.json</c>): the step (which
/// is also the data position, since step s starts at micro-batch s × gradient_accumulation_steps of a seeded
/// order), the random-number state and the loss histories.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The file name inside a checkpoint folder.</summary>
    public const string FileName = "trainer_state.json";

    [JsonPropertyName("global_step")]
    public int GlobalStep { get; init; }

    [JsonPropertyName("max_steps")]
    public int MaxSteps { get; init; }

    [JsonPropertyName("epoch")]
    public double Epoch { get; init; }

    /// <summary>Micro-batches consumed: the position in the seeded data order.</summary>
    [JsonPropertyName("micro_batches_consumed")]
    public long MicroBatchesConsumed { get; init; }

    [JsonPropertyName("num_input_tokens_seen")]
    public long TokensSeen { get; init; }

    /// <summary>libtorch's CPU generator state, base64.</summary>
    [JsonPropertyName("rng_state")]
    public string RngState { get; init; } = "";

    /// <summary>Scheduler steps taken (the LambdaLR epoch counter).</summary>
    [JsonPropertyName("scheduler_steps")]
    public int SchedulerSteps { get; init; }

    [JsonPropertyName("train_loss")]
    public List<TrainLossPoint> TrainLoss { get; init; } = [];

    [JsonPropertyName("eval_loss")]
    public List<EvalLossPoint> EvalLoss { get; init; } = [];
}
