using System.Collections;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// Reads the values a field gets for the arguments that size its result: the coerced values of literals and
/// variables (available to post-node validation visitors) and otherwise the schema's default value.
/// </summary>
internal sealed class FieldArguments(ValidationContext context, CostOptions options)
{
    /// <summary>
    /// The requested page size: the raw <c>first</c>/<c>last</c> (the larger if both), negative counted as 0.
    /// Raw rather than clamped to the page limit, so an absurd page size is refused on cost.
    /// </summary>
    public long? SliceSize(GraphQLField field, FieldType definition)
    {
        long? size = null;
        foreach (var name in options.SlicingArguments)
        {
            if (ToLong(Value(field, definition, name)) is { } requested)
                size = Math.Max(size ?? 0, Math.Max(requested, 0));
        }
        return size;
    }

    /// <summary>The integer argument <paramref name="name"/> (or its default) as a count, negative counted as 0.</summary>
    public long? IntegerArgument(GraphQLField field, FieldType definition, string name) =>
        ToLong(Value(field, definition, name)) is { } value ? Math.Max(value, 0) : null;

    /// <summary>How many items a list field returns, from metadata or a sizing list argument such as <c>ids</c>.</summary>
    public long? ListLength(GraphQLField field, FieldType definition)
    {
        if (definition.GetListSize() is { } fixedSize)
            return fixedSize;
        if (definition.GetListSizeArgument() is { } argumentName)
            return Count(Value(field, definition, argumentName));
        foreach (var name in options.SizingListArguments)
        {
            if (Count(Value(field, definition, name)) is { } count)
                return count;
        }
        return null;
    }

    private object? Value(GraphQLField field, FieldType definition, string name)
    {
        // Fields given only default values are absent from ArgumentValues, hence the fallback.
        if (context.ArgumentValues != null
            && context.ArgumentValues.TryGetValue(field, out var arguments)
            && arguments.TryGetValue(name, out var argument))
        {
            return argument.Value;
        }
        return definition.Arguments?.Find(name)?.DefaultValue;
    }

    private static long? ToLong(object? value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        uint ui => ui,
        ulong ul => ul > long.MaxValue ? long.MaxValue : (long)ul,
        decimal d => d > long.MaxValue ? long.MaxValue : (long)d,
        double d => d > long.MaxValue ? long.MaxValue : (long)d,
        System.Numerics.BigInteger big => big > long.MaxValue ? long.MaxValue : (long)big,
        _ => null,
    };

    private static long? Count(object? value) => value switch
    {
        null => null,
        string => 1,
        ICollection collection => collection.Count,
        IEnumerable enumerable => enumerable.Cast<object?>().LongCount(),
        _ => 1,
    };
}
