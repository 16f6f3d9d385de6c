namespace Understudy.Pipelines.BatchInference;

/// <summary>Asks each registered <see cref="IModelClientResolver"/> in order; the first that can run the model wins.</summary>
public sealed class ModelClientResolvers : IModelClientResolver
{
    private readonly IReadOnlyList<IModelClientResolver> _resolvers;

    public ModelClientResolvers(IEnumerable<IModelClientResolver> resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        _resolvers = [.. resolvers];
    }

    /// <inheritdoc />
    public bool CanResolve(BatchInferenceConfig config) => _resolvers.Any(r => r.CanResolve(config));

    /// <inheritdoc />
    public Task<ModelClient> ResolveAsync(BatchInferenceConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        IModelClientResolver? resolver = _resolvers.FirstOrDefault(r => r.CanResolve(config));
        if (resolver is not null)
        {
            return resolver.ResolveAsync(config, cancellationToken);
        }
        string hint = Directory.Exists(config.FtModelId)
            ? $"ft_model_id '{config.FtModelId}' is a local model folder, but no local engine is registered in this build; " +
              "serve the model with an OpenAI-compatible server (vLLM, llama.cpp, Ollama) and set ft_model_base_url."
            : $"No way to run ft_model_id '{config.FtModelId}': set ft_model_base_url to the OpenAI-compatible endpoint that serves it.";
        throw new InvalidOperationException(hint);
    }
}
