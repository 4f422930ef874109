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
    internal const string PageSizeArgumentKey = "SmartCityGraph.Cost.PageSizeArgument";
    internal const string PageItemsKey = "SmartCityGraph.Cost.PageItems";

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

    /// <summary>
    /// The field returns a page-like object whose <see cref="AsPageItems{TField}"/> lists hold as many items as the
    /// integer argument <paramref name="argumentName"/> (or its default) says — costed like a connection with
    /// <c>first</c>, e.g. <c>graph(limit: 1000) { nodes { … } relations { … } }</c>.
    /// </summary>
    public static TField WithPageSizeFromArgument<TField>(this TField field, string argumentName) where TField : IFieldMetadataWriter
    {
        field.Metadata[PageSizeArgumentKey] = argumentName;
        return field;
    }

    /// <summary>The list field holds the items of its parent page (see <see cref="WithPageSizeFromArgument{TField}"/>).</summary>
    public static TField AsPageItems<TField>(this TField field) where TField : IFieldMetadataWriter
    {
        field.Metadata[PageItemsKey] = true;
        return field;
    }

    internal static string? GetPageSizeArgument(this FieldType field) => field.GetMetadata<string?>(PageSizeArgumentKey, defaultValue: (string?)null);

    internal static bool IsPageItems(this FieldType field) => field.GetMetadata(PageItemsKey, false);

    internal static int? GetListSize(this FieldType field) => field.GetMetadata<int?>(ListSizeKey, defaultValue: (int?)null);

    internal static string? GetListSizeArgument(this FieldType field) => field.GetMetadata<string?>(ListSizeArgumentKey, defaultValue: (string?)null);
}
