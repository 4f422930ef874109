using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// Per-field overrides of how many items a list field returns, for fields the conventions of
/// <see cref="CostOptions"/> size wrongly (e.g. a list that is always short, or sized by another argument).
/// </summary>
public static class CostFieldMetadata
{
    internal const string ListSizeKey = "SmartCityGraph.Cost.ListSize";
    internal const string ListSizeArgumentKey = "SmartCityGraph.Cost.ListSizeArgument";

    /// <summary>The list field returns at most <paramref name="size"/> items.</summary>
    public static TField WithListSize<TField>(this TField field, int size) where TField : IFieldMetadataWriter
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        field.Metadata[ListSizeKey] = size;
        return field;
    }

    /// <summary>The list field returns as many items as the list argument <paramref name="argumentName"/> has.</summary>
    public static TField WithListSizeFromArgument<TField>(this TField field, string argumentName) where TField : IFieldMetadataWriter
    {
        field.Metadata[ListSizeArgumentKey] = argumentName;
        return field;
    }

    internal static int? GetListSize(this FieldType field) => field.GetMetadata<int?>(ListSizeKey, defaultValue: (int?)null);

    internal static string? GetListSizeArgument(this FieldType field) => field.GetMetadata<string?>(ListSizeArgumentKey, defaultValue: (string?)null);
}
