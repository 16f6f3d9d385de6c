namespace Understudy.Core.Configuration;

/// <summary>Which CLR types config values may have, and how each is classified.</summary>
internal static class ConfigTypes
{
    public static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !type.IsArray
        && !IsGenericCollection(type) && type.GetConstructor(Type.EmptyTypes) is not null;

    public static bool TryClassify(Type type, out ConfigValueKind kind, out Type scalarType)
    {
        scalarType = Nullable.GetUnderlyingType(type) ?? type;
        if (TryClassifyScalar(scalarType, out kind))
        {
            return true;
        }

        if (type.IsArray && TryClassifyScalar(type.GetElementType()!, out _))
        {
            kind = ConfigValueKind.List;
            scalarType = type.GetElementType()!;
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if ((definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
             || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>))
            && TryClassifyScalar(arguments[0], out _))
        {
            kind = ConfigValueKind.List;
            scalarType = arguments[0];
            return true;
        }

        if ((definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>)
             || definition == typeof(IReadOnlyDictionary<,>))
            && arguments[0] == typeof(string) && TryClassifyScalar(arguments[1], out _))
        {
            kind = ConfigValueKind.Map;
            scalarType = arguments[1];
            return true;
        }

        return false;
    }

    public static bool TryClassifyScalar(Type type, out ConfigValueKind kind)
    {
        kind = type switch
        {
            _ when type == typeof(string) => ConfigValueKind.String,
            _ when type == typeof(bool) => ConfigValueKind.Boolean,
            _ when type == typeof(int) || type == typeof(long) => ConfigValueKind.Integer,
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => ConfigValueKind.Number,
            _ when type == typeof(TimeSpan) => ConfigValueKind.Duration,
            _ when type == typeof(Uri) => ConfigValueKind.Url,
            _ when type.IsEnum => ConfigValueKind.Enum,
            _ => (ConfigValueKind)(-1),
        };
        return (int)kind >= 0;
    }

    private static bool IsGenericCollection(Type type) =>
        type.IsGenericType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
}
