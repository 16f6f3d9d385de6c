namespace Understudy.Pipelines.Duo;

/// <summary>One curation step of the loop: <c>Input</c> rows filtered against <c>Test</c> into <c>Output</c>.</summary>
public sealed record CurationRequest(
    string InputDatasetId,
    string InputSplit,
    string TestDatasetId,
    string TestSplit,
    string OutputDatasetId,
    string OutputSplit);
