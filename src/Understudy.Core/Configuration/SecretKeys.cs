namespace Understudy.Core.Configuration;

/// <summary>Decides which keys hold secrets, so their values are never persisted or printed.</summary>
public static class SecretKeys
{
    private static readonly string[] SecretWords = ["key", "token", "secret", "password", "apikey", "credentials"];

    /// <summary>The text written in place of a secret value.</summary>
    public const string Redacted = "***";

    /// <summary>
    /// Whether a key (snake_case, possibly dotted) names a secret: one of its words is key, token, secret,
    /// password or credentials (<c>hf_token</c>, <c>openai_api_key</c>), but not <c>max_new_tokens</c>.
    /// A key ending in <c>_env</c> (<c>service_api_key_env</c>) holds the name of an environment variable,
    /// not its value, so it is not secret.
    /// </summary>
    public static bool LooksSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var words = key.Split('_', '.', '-');
        return !string.Equals(words[^1], "env", StringComparison.OrdinalIgnoreCase)
            && words.Any(word => SecretWords.Contains(word, StringComparer.OrdinalIgnoreCase));
    }
}
