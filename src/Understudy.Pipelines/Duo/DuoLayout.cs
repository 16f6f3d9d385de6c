using System.Globalization;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// Where the loop's datasets and students live. Names depend only on the config and the iteration, so a rerun (or a
/// resumed run) finds what an earlier one wrote and the pipelines resume by row; model folders also carry the step's
/// cache key, so students trained with different inputs never overwrite each other.
/// </summary>
public sealed class DuoLayout(DuoConfig config, string modelsRoot)
{
    private readonly string _prefix = config.EffectiveOutputPrefix;

    /// <summary>Folder under which the students are written.</summary>
    public string ModelsRoot { get; } = modelsRoot;

    /// <summary>The dataset the student of <paramref name="iteration"/> trains on: the coverage dataset, then each merge's result.</summary>
    public string TrainDataset(int iteration) => iteration <= 1 ? config.CoverageDsId : $"{_prefix}/train-{N(iteration)}";

    /// <summary>The train split of <see cref="TrainDataset"/>.</summary>
    public string TrainSplit(int iteration) => iteration <= 1 ? config.TrainSplit : "train";

    /// <summary>The test split of <see cref="TrainDataset"/> (the coverage test split, carried along by merge).</summary>
    public string TestSplitOf(int iteration) => iteration <= 1 ? config.TestSplit : "test";

    /// <summary>Student answers of an iteration (0 = the teacher).</summary>
    public string Responses(int iteration) => iteration == 0 ? $"{_prefix}/teacher-responses" : $"{_prefix}/responses-{N(iteration)}";

    /// <summary>Judgements of an iteration's answers (0 = the teacher's).</summary>
    public string Evaluations(int iteration) => iteration == 0 ? $"{_prefix}/teacher-eval" : $"{_prefix}/eval-{N(iteration)}";

    /// <summary>Synthetic rows made after an iteration.</summary>
    public string Synthetic(int iteration) => $"{_prefix}/synth-{N(iteration)}";

    /// <summary>Curated synthetic rows of an iteration.</summary>
    public string Curated(int iteration) => $"{_prefix}/curated-{N(iteration)}";

    /// <summary>The folder of an iteration's student, named by its step's cache key.</summary>
    public string StudentDir(int iteration, string cacheKey) =>
        Path.Combine(ModelsRoot, $"iter-{N(iteration)}-{cacheKey.Replace("sha256:", "", StringComparison.Ordinal)[..12]}");

    private static string N(int iteration) => iteration.ToString(CultureInfo.InvariantCulture);
}
