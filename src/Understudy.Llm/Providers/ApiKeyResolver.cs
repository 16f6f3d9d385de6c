namespace Understudy.Llm.Providers;

/// <summary>
/// Finds the API key for a service LLM in the environment: the variable named in
/// <see cref="ServiceLlmOptions.ApiKeyEnvironmentVariable"/>, else <c>SERVICE_LLM_API_KEY</c>, else the provider's
/// usual variables. The key itself is returned to the caller only and never put into a message.
/// </summary>
public sealed class ApiKeyResolver
{
    /// <summary>The generic variable every provider reads first.</summary>
    public const string ServiceKeyVariable = "SERVICE_LLM_API_KEY";

    /// <summary>What is sent to local servers that need no key (the SDKs insist on a non-empty one).</summary>
    public const string NoKeyPlaceholder = "no-key-needed";

    private readonly Func<string, string?> _readVariable;

    /// <param name="readVariable">Reads an environment variable; null = the process environment.</param>
    public ApiKeyResolver(Func<string, string?>? readVariable = null)
    {
        _readVariable = readVariable ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The key for <paramref name="options"/>, or a <see cref="ServiceLlmConfigurationException"/> naming the variables tried.</summary>
    public string Resolve(ServiceLlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = ServiceLlmProviders.Normalize(options.Provider);
        if (options.ApiKeyEnvironmentVariable is { Length: > 0 } explicitVariable)
        {
            return Read(explicitVariable) ?? throw new ServiceLlmConfigurationException(
                $"The API key for the {provider} service LLM should be in the environment variable {explicitVariable} " +
                "(service_api_key_env in the config), but it is not set. Set it, or remove service_api_key_env to use " +
                $"{ServiceKeyVariable} / {string.Join(" / ", ServiceLlmProviders.UsualKeyVariables(provider))}.");
        }

        string[] variables = [ServiceKeyVariable, .. ServiceLlmProviders.UsualKeyVariables(provider)];
        foreach (var variable in variables)
        {
            if (Read(variable) is { } key)
            {
                return key;
            }
        }

        if (IsLocal(options.BaseUrl))
        {
            return NoKeyPlaceholder;
        }

        throw new ServiceLlmConfigurationException(
            $"No API key for the {provider} service LLM (model '{options.ModelName}'): none of the environment variables " +
            $"{string.Join(", ", variables)} is set. Export one of them, or name another variable with service_api_key_env.");
    }

    /// <summary>True for endpoints on this machine (localhost, 127.0.0.0/8, ::1), which often need no key.</summary>
    public static bool IsLocal(Uri? baseUrl) => baseUrl is not null && baseUrl.IsLoopback;

    private string? Read(string variable) => _readVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
}
