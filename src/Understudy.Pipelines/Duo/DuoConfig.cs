using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Observability;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// Config of <c>understudy duo</c>: the coverage dataset, the three roles (teacher, judge, student), when to stop,
/// and one config file per step (<see cref="DuoStepFiles"/>). Unknown keys are errors, as everywhere.
/// </summary>
public sealed class DuoConfig : TracingConfig, IValidatableObject
{
    [Required]
    [Description("Name of this loop: runs with the same name are listed together and its datasets go under output_prefix.")]
    public string Name { get; set; } = "";

    [Required]
    [Description("The coverage dataset (prompts the service answered well; coverage schema) with a train and a test split.")]
    public string CoverageDsId { get; set; } = "";

    [Description("Split of coverage_ds_id the student trains on and synth draws seeds from.")]
    public string TrainSplit { get; set; } = "train";

    [Description("Split of coverage_ds_id the student is tested on (never trained on).")]
    public string TestSplit { get; set; } = "test";

    [Description("Owner part of the ids of every dataset the loop writes (<prefix>/responses-1, <prefix>/eval-1...): letters, digits, '-', '_', '.'; empty = duo-<name>.")]
    public string OutputPrefix { get; set; } = "";

    [Description("Folder of the students the loop trains; empty = <workspace>/duo/<name>/models.")]
    public string ModelsDir { get; set; } = "";

    [Description("Path to prompts.toml holding the [eval] and [synth_data_gen] templates.")]
    public string PromptTmplPath { get; set; } = "config/prompts.toml";

    [Range(1, 100)]
    [Description("Most iterations (fine-tune, batch-infer, evaluate, then synthesise more data if not passed).")]
    public int MaxIterations { get; set; } = 3;

    [Range(0.0, 100.0)]
    [Description("The student passes when its mean similarity score reaches this (and precision reaches its threshold).")]
    public double AvgSimilarityThreshold { get; set; } = 90.0;

    [Range(0.0, 100.0)]
    [Description("The student passes when its mean precision score reaches this (and similarity reaches its threshold).")]
    public double AvgPrecisionThreshold { get; set; } = 90.0;

    [Range(0, 10_000_000)]
    [Description("Most synthetic rows the whole run may generate; 0 = no limit.")]
    public int MaxSynthSamples { get; set; }

    [Range(0.0, 1_000_000.0)]
    [Description("Most US dollars the run's service calls may cost (usage ledger price table); 0 = no limit.")]
    public double MaxCostUsd { get; set; }

    [Description("Longest the run may take, summed over its steps (e.g. 30m, 2h); a step still running then is stopped, keeping what it wrote; raise it and rerun to resume; 0 = no limit.")]
    public TimeSpan MaxWallTime { get; set; }

    [Description("Also have the teacher answer the test split and the judge score it, once: the ceiling the student is compared with.")]
    public bool EvaluateTeacher { get; set; } = true;

    [Description("Whether to curate synthetic rows (dedup, near-dedup, decontamination, rule filters) before merging them.")]
    public bool Curate { get; set; } = true;

    /// <summary>Generates the synthetic training data (the service LLM being migrated from).</summary>
    public DuoRoleConfig Teacher { get; set; } = new();

    /// <summary>Scores the student's (and the teacher's) answers against the references.</summary>
    public DuoRoleConfig Judge { get; set; } = new();

    /// <summary>The small local model being trained.</summary>
    public DuoStudentConfig Student { get; set; } = new();

    /// <summary>One config file per step.</summary>
    public DuoStepFiles Steps { get; set; } = new();

    /// <summary><see cref="OutputPrefix"/> after applying its default.</summary>
    public string EffectiveOutputPrefix => string.IsNullOrWhiteSpace(OutputPrefix)
        ? "duo-" + new string([.. Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')])
        : OutputPrefix;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Teacher.Model))
        {
            yield return new ValidationResult("teacher.model is required: the service model (or local folder) that writes training data.", ["Teacher"]);
        }
        if (string.IsNullOrWhiteSpace(Judge.Model))
        {
            yield return new ValidationResult("judge.model is required: the service model (or local folder) that scores answers.", ["Judge"]);
        }
        if (string.IsNullOrWhiteSpace(Student.BaseModel))
        {
            yield return new ValidationResult("student.base_model is required: the local model folder or Hub id the student starts from.", ["Student"]);
        }
        if (!string.IsNullOrWhiteSpace(OutputPrefix) && !OutputPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return new ValidationResult($"output_prefix '{OutputPrefix}' may hold only letters, digits, '-', '_' and '.': it is the owner part of dataset ids.", [nameof(OutputPrefix)]);
        }
        if (MaxWallTime < TimeSpan.Zero)
        {
            yield return new ValidationResult("max_wall_time must not be negative (0 = no limit).", [nameof(MaxWallTime)]);
        }
    }
}
