using System.Collections.Concurrent;

namespace Understudy.Core.Configuration;

/// <summary>Enum members as config values: the snake_case of each member name (<c>LoRa</c> → <c>lo_ra</c>, <c>Qlora</c> → <c>qlora</c>).</summary>
internal static class EnumNames
{
    private static readonly ConcurrentDictionary<Type, string[]> Cache = new();

    public static IReadOnlyList<string> All(Type enumType) =>
        Cache.GetOrAdd(enumType, type => Enum.GetNames(type).Select(ConfigKeyNaming.ToSnakeCase).ToArray());

    public static string ToConfigValue(Enum value) => ConfigKeyNaming.ToSnakeCase(value.ToString());

    public static bool TryParse(Type enumType, string text, out object? value)
    {
        foreach (var name in Enum.GetNames(enumType))
        {
            if (string.Equals(ConfigKeyNaming.ToSnakeCase(name), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse(enumType, name);
                return true;
            }
        }

        value = null;
        return false;
    }
}
