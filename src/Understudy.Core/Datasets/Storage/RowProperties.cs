using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets.Storage;

/// <summary>Finds a row type's property by its column name (its <c>[JsonPropertyName]</c>, else its own name).</summary>
internal static class RowProperties
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> ByColumn = new();

    public static PropertyInfo? Find(Type rowType, string column) =>
        ByColumn.GetOrAdd(rowType, Map).GetValueOrDefault(column);

    /// <summary>Sets a list property of every row from <paramref name="lists"/> (one entry per row, in order).</summary>
    public static void SetListColumn<T>(IList<T> rows, string column, List<List<object?>?> lists)
    {
        PropertyInfo? property = Find(typeof(T), column);
        if (property is null || !property.CanWrite || property.PropertyType.GetInterface(nameof(IList)) is null)
        {
            return;
        }
        Type elementType = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[0] : typeof(object);
        Type targetType = Nullable.GetUnderlyingType(elementType) ?? elementType;
        for (int row = 0; row < rows.Count; row++)
        {
            if (lists[row] is not { } values)
            {
                property.SetValue(rows[row], null);
                continue;
            }
            var list = (IList)Activator.CreateInstance(property.PropertyType)!;
            foreach (object? value in values)
            {
                list.Add(value is null ? null : Convert.ChangeType(value, targetType, System.Globalization.CultureInfo.InvariantCulture));
            }
            property.SetValue(rows[row], list);
        }
    }

    private static Dictionary<string, PropertyInfo> Map(Type rowType) =>
        rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, StringComparer.Ordinal);
}
