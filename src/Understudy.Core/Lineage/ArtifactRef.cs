namespace Understudy.Core.Lineage;

/// <summary>
/// One content-addressed thing a step read or wrote: a dataset split, a model folder, a config, a prompt template
/// or a judge version. Two artifacts with the same <see cref="Hash"/> have the same content.
/// </summary>
/// <param name="Role">What the artifact is to the step, e.g. <c>train</c>, <c>model</c>, <c>responses</c>, <c>prompt</c>.</param>
/// <param name="Kind">One of <see cref="ArtifactKinds"/>.</param>
/// <param name="Name">Human name: <c>dataset:split</c>, a folder, a model name.</param>
/// <param name="Hash">Content hash (see <see cref="ContentHash"/>).</param>
/// <param name="Location">Where it lives (dataset id and split, folder path), to re-hash it or read it back.</param>
public sealed record ArtifactRef(string Role, string Kind, string Name, string Hash, string Location);
