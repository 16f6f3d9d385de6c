namespace Understudy.Pipelines.Curation;

/// <summary>Builds the switched-on rules of a <see cref="CurationConfig"/>, in the order rows meet them.</summary>
public static class CurationRuleSet
{
    /// <summary>The rules: filters, then decontamination (when there are test rows), then exact and near dedup.</summary>
    /// <param name="testRows">Rows of the test datasets; decontamination runs only when there are some.</param>
    public static IReadOnlyList<IRowFilter> Build(CurationConfig config, IReadOnlyList<CurationRow> testRows)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(testRows);
        var rules = new List<IRowFilter>();
        if (config.DropEmptyAnswers)
        {
            rules.Add(new EmptyAnswerRule());
        }
        if (config.MinPromptLength > 0 || config.MaxPromptLength > 0)
        {
            rules.Add(LengthRule.ForPrompt(config.MinPromptLength, config.MaxPromptLength, config.LengthUnit));
        }
        if (config.MinAnswerLength > 0 || config.MaxAnswerLength > 0)
        {
            rules.Add(LengthRule.ForAnswer(config.MinAnswerLength, config.MaxAnswerLength, config.LengthUnit));
        }
        if (config.DropRefusals && config.RefusalPatterns.Count > 0)
        {
            rules.Add(new RefusalRule(config.RefusalPatterns));
        }
        if (config.ExpectJson)
        {
            rules.Add(new InvalidJsonRule());
        }
        var hasher = new MinHasher(config.NumPerm, config.MinhashSeed);
        var shingler = new Shingler(config.ShingleUnit, config.ShingleSize);
        if (testRows.Count > 0)
        {
            rules.Add(new DecontaminationRule(testRows, config.DecontaminateOn, config.DecontaminationNgram,
                config.DecontaminationNgramOverlap, config.DecontaminationJaccard, shingler, hasher));
        }
        if (config.ExactDedup)
        {
            rules.Add(new ExactDuplicateRule(config.DedupOn));
        }
        if (config.NearDedup)
        {
            var lsh = LshParameters.From(config.LshBands, config.LshRows, config.NearDedupThreshold, config.NumPerm);
            rules.Add(new NearDuplicateRule(config.DedupOn, shingler, hasher, lsh, config.RougeLThreshold));
        }
        return rules;
    }
}
