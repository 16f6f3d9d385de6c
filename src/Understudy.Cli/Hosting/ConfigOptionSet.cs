using System.CommandLine;
using System.Text.Json;
using Understudy.Core.Configuration;

namespace Understudy.Cli.Hosting;

/// <summary>
/// One System.CommandLine option per key of a config class (<c>--eval-repeat</c>, <c>--lora.lora-r</c>),
/// typed for help and completion but read back as text, so the config loader converts and validates flags
/// and file values the same way and reports both with the same messages.
/// </summary>
public sealed class ConfigOptionSet
{
    private readonly List<(Option Option, ConfigKeyDescriptor Key)> _options = [];

    /// <summary>Builds the options of a schema.</summary>
    public ConfigOptionSet(ConfigSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var key in schema.Keys)
        {
            _options.Add((CreateOption(key), key));
        }
    }

    /// <summary>The options, in schema order.</summary>
    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>The flags given explicitly on the command line, keyed by flag, with their text.</summary>
    public IReadOnlyDictionary<string, string> CollectOverrides(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, key) in _options)
        {
            var result = parseResult.GetResult(option);
            if (result is null || result.Implicit)
            {
                continue;
            }

            var values = result.Tokens.Select(t => t.Value).ToList();
            overrides[key.Flag] = key.Kind switch
            {
                ConfigValueKind.Boolean when values.Count == 0 => "true",
                ConfigValueKind.List when values.Count > 1 => JsonSerializer.Serialize(values),
                ConfigValueKind.Map when values.Count > 1 => string.Join(',', values),
                _ => values.Count == 0 ? "" : values[0],
            };
        }

        return overrides;
    }

    private static Option CreateOption(ConfigKeyDescriptor key)
    {
        Option option = key.Kind is ConfigValueKind.List or ConfigValueKind.Map
            ? new Option<string[]>(key.Flag) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false }
            : new Option<string>(key.Flag)
            {
                Arity = key.Kind == ConfigValueKind.Boolean ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
            };
        option.Description = Describe(key);
        option.HelpName = key.TypeLabel;
        if (key.AllowedValues.Count > 0)
        {
            option.CompletionSources.Add(key.AllowedValues.ToArray());
        }
        else if (key.Kind == ConfigValueKind.Boolean)
        {
            option.CompletionSources.Add("true", "false");
        }

        return option;
    }

    private static string Describe(ConfigKeyDescriptor key)
    {
        var text = key.Description;
        if (key.IsRequired)
        {
            return (text + " (required)").Trim();
        }

        if (key.IsSecret || key.DefaultValue is null)
        {
            return text;
        }

        var shown = ConfigValueFormatter.FormatUnquoted(key.DefaultValue);
        return shown.Length == 0 || shown == "[]" || shown == "{}" ? text : $"{text} [default: {shown}]".Trim();
    }
}
