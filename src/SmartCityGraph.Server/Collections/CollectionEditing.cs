using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.Collections;

/// <summary>What editors set on a part of the knowledge store (createCollection, updateCollection).</summary>
internal static class CollectionEditing
{
    public static readonly EntityEditing<Collection> Fields =
        new EntityEditing<Collection>("Collection", typeof(CollectionGraphType), () => new Collection { Key = "", Title = "" })
            .Field<BooleanGraphType, bool>("contentKnown", c => c.ContentKnown, "False when the sources give none of its entries.", optionalOnCreate: true)
            .Field<ListGraphType<NonNullGraphType<StringGraphType>>, List<string>>("columns", c => c.Columns, "The column headings the sources show.", optionalOnCreate: true);
}
