using System.Globalization;
using System.Text.Json;
using TorchSharp.Modules;
using Understudy.Engine.Safetensors;
using static TorchSharp.torch;

namespace Understudy.Engine.Training;

/// <summary>
/// Resumable checkpoints in <c>&lt;dir&gt;/checkpoint-N/</c>: the trainable weights (<c>trainable.safetensors</c>),
/// the optimizer state (<c>optimizer.bin</c>), <see cref="TrainerState"/>, plus whatever the caller's snapshot writes
/// (the adapter in PEFT format, or nothing for a full fine-tune). Each is written into a temporary folder that is
/// renamed into place when complete, so a run killed mid-save leaves the previous checkpoint as the latest.
/// </summary>
public static class TrainingCheckpoints
{
    /// <summary>The trainable weights' file.</summary>
    public const string WeightsFileName = "trainable.safetensors";

    /// <summary>The optimizer state's file (TorchSharp's format).</summary>
    public const string OptimizerFileName = "optimizer.bin";

    private const string Prefix = "checkpoint-";

    /// <summary>The latest complete checkpoint folder in <paramref name="directory"/>, or null.</summary>
    public static string? FindLatest(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return List(directory).LastOrDefault().Path;
    }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public static IReadOnlyList<(int Step, string Path)> List(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateDirectories(directory, Prefix + "*")
            .Select(path => (Step: int.TryParse(Path.GetFileName(path)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int step) ? step : -1, Path: path))
            .Where(c => c.Step >= 0 && File.Exists(Path.Combine(c.Path, TrainerState.FileName)))
            .OrderBy(c => c.Step)
            .ToList();
    }

    /// <summary>Writes checkpoint <paramref name="state"/>.GlobalStep and deletes the oldest beyond <paramref name="keep"/> (0 = keep all).</summary>
    public static string Save(string directory, TrainerState state, IReadOnlyList<(string Name, Parameter Parameter)> trainable,
        OptimizerHelper optimizer, Action<string>? writeSnapshot, int keep)
    {
        ArgumentNullException.ThrowIfNull(state);
        string final = Path.Combine(directory, Prefix + state.GlobalStep.ToString(CultureInfo.InvariantCulture));
        string partial = final + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        SafetensorsWriter.Write(Path.Combine(partial, WeightsFileName), trainable.Select(p => KeyValuePair.Create(p.Name, (Tensor)p.Parameter)));
        optimizer.save_state_dict(Path.Combine(partial, OptimizerFileName));
        writeSnapshot?.Invoke(partial);
        File.WriteAllText(Path.Combine(partial, TrainerState.FileName), JsonSerializer.Serialize(state, JsonOptions));
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(partial, final);
        if (keep > 0)
        {
            foreach (var (_, old) in List(directory).SkipLast(keep)) Directory.Delete(old, recursive: true);
        }
        return final;
    }

    /// <summary>Loads the weights and optimizer state of <paramref name="checkpoint"/> and returns its trainer state.</summary>
    public static TrainerState Load(string checkpoint, IReadOnlyList<(string Name, Parameter Parameter)> trainable, OptimizerHelper optimizer)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpoint);
        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(checkpoint, TrainerState.FileName)), JsonOptions)
            ?? throw new InvalidDataException($"{checkpoint}: {TrainerState.FileName} is empty.");
        using (var file = SafetensorsFile.Open(Path.Combine(checkpoint, WeightsFileName)))
        using (no_grad())
        {
            foreach (var (name, parameter) in trainable)
            {
                if (!file.Tensors.ContainsKey(name))
                    throw new InvalidDataException(
                        $"{checkpoint}: the checkpoint has no '{name}': it was written by a run with other trainable parameters (use_peft, lora_target_modules). Use another output_dir or set resume_from_checkpoint: false.");
                file.CopyInto(name, parameter);
            }
        }
        optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFileName));
        return state;
    }

    /// <summary>The generator state as base64.</summary>
    public static string CaptureRng()
    {
        using Tensor state = random.get_rng_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    /// <summary>Restores a state from <see cref="CaptureRng"/>.</summary>
    public static void RestoreRng(string base64)
    {
        if (string.IsNullOrEmpty(base64)) return;
        using Tensor state = tensor(Convert.FromBase64String(base64), dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
