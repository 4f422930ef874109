using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.Results;

/// <summary>What editors set on a result (createResult, updateResult); what fed it and what it informed are relations.</summary>
internal static class ResultEditing
{
    public static readonly EntityEditing<Result> Fields = new EntityEditing<Result>("Result", typeof(ResultGraphType), () => new Result { Key = "", Title = "" })
        .Field<ResultTypeGraphType, ResultType>("type", r => r.Type);
}
