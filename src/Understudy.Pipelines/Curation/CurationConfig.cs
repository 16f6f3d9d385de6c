using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Observability;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// Config of <c>understudy curate</c>: which dataset to clean, where to write it, and each rule's switch and
/// parameters. Rules run per row in this order, and a row removed is counted under the first rule that removed it:
/// filters (malformed, empty answer, length, refusal, invalid JSON) → decontamination → exact dedup → near dedup.
/// Of duplicates, the row that comes first in the input is kept.
/// </summary>
public sealed class CurationConfig : TracingConfig, IValidatableObject
{
    [Required]
    [Description("Dataset to curate (coverage or synth schema).")]
    public string InputDsId { get; set; } = "";

    [Description("Split of input_ds_id to curate.")]
    public string InputDsSplit { get; set; } = "train";

    [Required]
    [Description("The curated dataset (coverage schema); its split is rewritten (resumed when a run was killed).")]
    public string OutputDsId { get; set; } = "";

    [Description("Split of output_ds_id to write.")]
    public string OutputDsSplit { get; set; } = "train";

    [Description("Where to save the curation report JSON; empty = next to the output dataset (or the working folder).")]
    public string ReportPath { get; set; } = "";

    [Range(0, 1000)]
    [Description("Example rows kept in the report per rule (each with the row it duplicated or contaminated).")]
    public int MaxExamplesPerRule { get; set; } = 5;

    [Description("Which text the dedup rules compare: prompt, answer, or prompt_and_answer.")]
    public CurationText DedupOn { get; set; } = CurationText.Prompt;

    [Description("Drop rows whose normalised text (case, whitespace and punctuation ignored) hashes like an earlier row's.")]
    public bool ExactDedup { get; set; } = true;

    [Description("Drop rows that MinHash + LSH finds near an earlier row and ROUGE-L confirms.")]
    public bool NearDedup { get; set; } = true;

    [Description("Shingles of the MinHash sets: word n-grams or character n-grams.")]
    public ShingleUnit ShingleUnit { get; set; } = ShingleUnit.Word;

    [Range(1, 64)]
    [Description("Words (or characters) per shingle.")]
    public int ShingleSize { get; set; } = 3;

    [Range(2, 4096)]
    [Description("MinHash permutations (signature length).")]
    public int NumPerm { get; set; } = 128;

    [Description("Seed of the MinHash permutations: the same seed gives the same signatures.")]
    public int MinhashSeed { get; set; } = 42;

    [Range(0.0, 1.0)]
    [Description("Jaccard similarity LSH aims to catch; sets lsh_bands/lsh_rows when they are 0.")]
    public double NearDedupThreshold { get; set; } = 0.7;

    [Range(0, 4096)]
    [Description("LSH bands (0 = chosen from near_dedup_threshold); lsh_bands x lsh_rows must not exceed num_perm.")]
    public int LshBands { get; set; }

    [Range(0, 4096)]
    [Description("Signature rows per LSH band (0 = chosen with lsh_bands).")]
    public int LshRows { get; set; }

    [Range(0.0, 1.0)]
    [Description("ROUGE-L F-measure a candidate pair must reach to count as near duplicates.")]
    public double RougeLThreshold { get; set; } = 0.7;

    [Description("Test datasets whose rows training rows must not resemble (decontamination); empty = no decontamination.")]
    public List<string> TestDsIds { get; set; } = [];

    [Description("Split of each test dataset.")]
    public string TestDsSplit { get; set; } = "test";

    [Description("Which text decontamination compares: prompt, answer, or prompt_and_answer.")]
    public CurationText DecontaminateOn { get; set; } = CurationText.Prompt;

    [Range(1, 64)]
    [Description("Word n-gram size of the overlap check.")]
    public int DecontaminationNgram { get; set; } = 8;

    [Range(0.0, 1.0)]
    [Description("Remove a training row when this share of its (or the test row's, whichever has fewer) n-grams is in one test row; 0 = off.")]
    public double DecontaminationNgramOverlap { get; set; } = 0.5;

    [Range(0.0, 1.0)]
    [Description("Remove a training row whose MinHash Jaccard estimate with a test row reaches this; 0 = off.")]
    public double DecontaminationJaccard { get; set; } = 0.8;

    [Description("Drop rows whose answer is empty or whitespace.")]
    public bool DropEmptyAnswers { get; set; } = true;

    [Description("Unit of the length bounds: chars or words.")]
    public LengthUnit LengthUnit { get; set; } = LengthUnit.Chars;

    [Range(0, int.MaxValue)]
    [Description("Shortest prompt kept (0 = no bound).")]
    public int MinPromptLength { get; set; }

    [Range(0, int.MaxValue)]
    [Description("Longest prompt kept (0 = no bound).")]
    public int MaxPromptLength { get; set; }

    [Range(0, int.MaxValue)]
    [Description("Shortest answer kept (0 = no bound).")]
    public int MinAnswerLength { get; set; }

    [Range(0, int.MaxValue)]
    [Description("Longest answer kept (0 = no bound).")]
    public int MaxAnswerLength { get; set; }

    [Description("Drop answers that match one of refusal_patterns.")]
    public bool DropRefusals { get; set; } = true;

    [Description("Case-insensitive regular expressions of refusal answers.")]
    public List<string> RefusalPatterns { get; set; } = [.. RefusalRule.DefaultPatterns];

    [Description("The task answers in JSON: drop answers that are not one valid JSON value (a Markdown code fence around it is allowed).")]
    public bool ExpectJson { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        CurationConfigRules.Check(this);
}
