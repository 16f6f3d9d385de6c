namespace Understudy.Llm.Providers;

/// <summary>A service LLM cannot be set up as configured: an unknown provider, a missing API key, a bad config file.</summary>
public sealed class ServiceLlmConfigurationException : Exception
{
    public ServiceLlmConfigurationException(string message)
        : base(message)
    {
    }

    public ServiceLlmConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
