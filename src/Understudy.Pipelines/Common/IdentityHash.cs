using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Common;

/// <summary>
/// Hash of the settings that decide what a step's output <em>is</em> (inputs, model, prompt, repeats), leaving out
/// those that only decide how fast it is made (workers, batch sizes), so a rerun with more workers still resumes.
/// </summary>
public static class IdentityHash
{
    /// <summary>A stable hash of the named parts, e.g. <c>Of("evaluate", lmResponseDsId, split, model)</c>.</summary>
    public static string Of(params string[] parts) => RowId.FromContent(parts);
}
