using Microsoft.Extensions.AI;

namespace Understudy.Pipelines.BatchInference;

/// <summary>The model under test as batch-infer sees it: a chat client plus the id and revision recorded in each row.</summary>
/// <param name="Client">Answers the prompts; owned by whoever resolved it.</param>
/// <param name="ModelId">Recorded as <c>model_id</c>.</param>
/// <param name="ModelSha">Recorded as <c>model_sha</c>: a revision, or a content hash of a local model folder.</param>
public sealed record ModelClient(IChatClient Client, string ModelId, string ModelSha);
