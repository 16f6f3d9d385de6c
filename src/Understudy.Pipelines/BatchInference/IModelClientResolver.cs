namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// Maps <c>ft_model_id</c> to the chat client that runs it. The seam where local and remote models meet: an
/// OpenAI-compatible endpoint (<see cref="EndpointModelClientResolver"/>) today, the built-in TorchSharp engine
/// for a local model folder when it is registered.
/// </summary>
public interface IModelClientResolver
{
    /// <summary>True when this resolver knows how to run <paramref name="config"/>'s model.</summary>
    bool CanResolve(BatchInferenceConfig config);

    /// <summary>Builds the client; throws <see cref="InvalidOperationException"/> naming the key to fix when it cannot.</summary>
    Task<ModelClient> ResolveAsync(BatchInferenceConfig config, CancellationToken cancellationToken = default);
}
