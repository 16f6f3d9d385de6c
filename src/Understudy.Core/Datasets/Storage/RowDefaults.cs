using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// Replaces nulls read from a file (nullable Parquet columns, missing columns) with the row classes' defaults:
/// "" for strings, an empty list for lists, recursively into list elements such as chat turns. Callers of the
/// store can therefore trust the non-nullable annotations of the row types. One compiled filler per row type
/// keeps this cheap next to deserialisation.
/// </summary>
internal static class RowDefaults
{
    private static readonly ConcurrentDictionary<Type, Action<object>> Fillers = new();
    private static readonly MethodInfo FillElementsMethod = typeof(RowDefaults).GetMethod(nameof(FillElements), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static T Fill<T>(T row)
        where T : class
    {
        Fillers.GetOrAdd(row.GetType(), Compile)(row);
        return row;
    }

    private static void FillElements(IList list)
    {
        foreach (object? element in list)
        {
            if (element is not null)
            {
                Fillers.GetOrAdd(element.GetType(), Compile)(element);
            }
        }
    }

    private static Action<object> Compile(Type type)
    {
        ParameterExpression boxed = Expression.Parameter(typeof(object), "row");
        ParameterExpression row = Expression.Variable(type, "typed");
        var body = new List<Expression> { Expression.Assign(row, Expression.Convert(boxed, type)) };
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            if (property.PropertyType.IsValueType)
            {
                continue;
            }
            MemberExpression access = Expression.Property(row, property);
            Expression isNull = Expression.Equal(access, Expression.Constant(null, property.PropertyType));
            if (property.PropertyType == typeof(string))
            {
                body.Add(Expression.IfThen(isNull, Expression.Assign(access, Expression.Constant(""))));
            }
            else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                body.Add(Expression.IfThen(isNull, Expression.Assign(access, Expression.New(property.PropertyType))));
                Type element = property.PropertyType.GetGenericArguments()[0];
                if (element.IsClass && element != typeof(string))
                {
                    body.Add(Expression.Call(FillElementsMethod, Expression.Convert(access, typeof(IList))));
                }
            }
        }
        return Expression.Lambda<Action<object>>(Expression.Block([row], body), boxed).Compile();
    }
}
