using System.Globalization;

namespace Understudy.Pipelines.Duo;

/// <summary>Builds the key → value text overrides the loop applies to a step's config file.</summary>
internal sealed class DuoWiring
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public DuoWiring Set(string key, string value)
    {
        _values[key] = value;
        return this;
    }

    public DuoWiring Set(string key, bool value) => Set(key, value ? "true" : "false");

    public DuoWiring Set(string key, double value) => Set(key, value.ToString("R", CultureInfo.InvariantCulture));

    public DuoWiring Set(string key, int value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The service keys of <see cref="Common.ServiceLlmConfig"/> from a role (a local role keeps the file's provider).</summary>
    public DuoWiring Role(DuoRoleConfig role, string promptPath)
    {
        Set("service_model_name", role.Model).Set("service_base_url", role.BaseUrl).Set("prompt_tmpl_path", promptPath);
        return role.IsLocal ? this : Set("service_llm_provider", role.Provider);
    }

    public IReadOnlyDictionary<string, string> Values => _values;
}
