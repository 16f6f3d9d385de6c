using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// Replaces nulls read from a file (nullable Parquet columns, missing columns) with the row classes' defaults:
/// "" for strings, an empty list for lists, recursively into list elements such as chat turns. Callers of the
/// store can therefore trust the non-nullable annotations of the row types.
/// </summary>
internal static class RowDefaults
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> WritableProperties = new();

    public static T Fill<T>(T row)
        where T : class
    {
        FillObject(row);
        return row;
    }

    private static void FillObject(object target)
    {
        foreach (PropertyInfo property in WritableProperties.GetOrAdd(target.GetType(), PropertiesOf))
        {
            object? value = property.GetValue(target);
            if (value is null)
            {
                if (property.PropertyType == typeof(string))
                {
                    property.SetValue(target, "");
                }
                else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
                {
                    property.SetValue(target, Activator.CreateInstance(property.PropertyType));
                }
                continue;
            }
            if (value is IList list && IsRowLikeElement(property.PropertyType))
            {
                foreach (object? element in list)
                {
                    if (element is not null)
                    {
                        FillObject(element);
                    }
                }
            }
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).ToArray();

    private static bool IsRowLikeElement(Type listType) =>
        listType.IsGenericType && listType.GetGenericArguments()[0] is { IsClass: true } element && element != typeof(string);
}
