namespace Understudy.Pipelines.Curation;

/// <summary>What a curation run did.</summary>
/// <param name="Report">Counts per rule, with examples.</param>
/// <param name="OutputDataset">The curated dataset id.</param>
/// <param name="OutputSplit">The split written.</param>
/// <param name="Kept">Rows written to the output split.</param>
/// <param name="ReportPath">Where the report JSON was saved.</param>
/// <param name="ResumedRows">Rows an earlier, killed run had already written and this run kept as they were.</param>
public sealed record CurationResult(
    CurationReport Report,
    string OutputDataset,
    string OutputSplit,
    int Kept,
    string ReportPath,
    int ResumedRows);
