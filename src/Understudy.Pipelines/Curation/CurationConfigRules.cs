using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Understudy.Pipelines.Curation;

/// <summary>The checks of <see cref="CurationConfig"/> that involve more than one key.</summary>
internal static class CurationConfigRules
{
    public static IEnumerable<ValidationResult> Check(CurationConfig config)
    {
        if (config.LshBands * Math.Max(config.LshRows, 1) > config.NumPerm)
        {
            yield return new ValidationResult(
                $"lsh_bands x lsh_rows ({config.LshBands} x {Math.Max(config.LshRows, 1)}) exceeds num_perm ({config.NumPerm}); lower them or raise num_perm",
                [nameof(CurationConfig.LshBands), nameof(CurationConfig.LshRows)]);
        }
        if (config.LshRows > 0 && config.LshBands == 0)
        {
            yield return new ValidationResult("lsh_rows needs lsh_bands too (or set both to 0 to derive them from near_dedup_threshold)",
                [nameof(CurationConfig.LshRows)]);
        }
        if (config.NearDedup && config.LshBands == 0 && config.NearDedupThreshold <= 0)
        {
            yield return new ValidationResult("must be above 0 when lsh_bands is 0 (the LSH bands are derived from it)",
                [nameof(CurationConfig.NearDedupThreshold)]);
        }
        foreach (var (key, min, max) in new[]
        {
            (nameof(CurationConfig.MinPromptLength), config.MinPromptLength, config.MaxPromptLength),
            (nameof(CurationConfig.MinAnswerLength), config.MinAnswerLength, config.MaxAnswerLength),
        })
        {
            if (max > 0 && min > max)
            {
                yield return new ValidationResult($"{min} is above the maximum {max}", [key]);
            }
        }
        if (config.TestDsIds.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("contains an empty dataset id", [nameof(CurationConfig.TestDsIds)]);
        }
        if (config.TestDsIds.Count > 0 && config.DecontaminationNgramOverlap <= 0 && config.DecontaminationJaccard <= 0)
        {
            yield return new ValidationResult(
                "test_ds_ids is set but both decontamination checks are off: set decontamination_ngram_overlap or decontamination_jaccard above 0, or leave test_ds_ids empty",
                [nameof(CurationConfig.TestDsIds)]);
        }
        if (config.DropRefusals)
        {
            for (int i = 0; i < config.RefusalPatterns.Count; i++)
            {
                string? problem = RegexProblem(config.RefusalPatterns[i]);
                if (problem is not null)
                {
                    yield return new ValidationResult($"pattern {i} ('{config.RefusalPatterns[i]}') is not a valid regular expression: {problem}",
                        [nameof(CurationConfig.RefusalPatterns)]);
                }
            }
        }
    }

    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return string.IsNullOrWhiteSpace(pattern) ? "it is empty and would match every answer" : null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
