using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.Documents;

/// <summary>What editors set on a document (createDocument, updateDocument); where it belongs is a relation.</summary>
internal static class DocumentEditing
{
    public static readonly EntityEditing<Document> Fields = new EntityEditing<Document>("Document", typeof(DocumentGraphType), () => new Document { Key = "", Title = "" })
        .Field<StringGraphType, string?>("url", d => d.Url, "An absolute http(s) URL.");
}
