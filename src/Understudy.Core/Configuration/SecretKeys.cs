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
    /// </summary>
    public static bool LooksSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Split('_', '.', '-').Any(word => SecretWords.Contains(word, StringComparer.OrdinalIgnoreCase));
    }
}
