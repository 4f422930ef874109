using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.Terms;

/// <summary>What editors set on a term (createTerm, updateTerm).</summary>
internal static class TermEditing
{
    public static readonly EntityEditing<Term> Fields = new EntityEditing<Term>("Term", typeof(TermGraphType), () => new Term { Key = "", Title = "" })
        .Field<StringGraphType, string?>("definition", t => t.Definition, "The source's definition, verbatim.");
}
