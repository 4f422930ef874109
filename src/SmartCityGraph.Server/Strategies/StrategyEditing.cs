using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Strategies;

/// <summary>What editors set on a strategy (createStrategy, updateStrategy).</summary>
internal static class StrategyEditing
{
    public static readonly EntityEditing<Strategy> Fields = new EntityEditing<Strategy>("Strategy", typeof(StrategyGraphType), () => new Strategy { Key = "", Title = "" })
        .Field<CalendarDateGraphType, DateOnly?>("adoptedOn", s => s.AdoptedOn, "When the Senate adopted it.")
        .Field<StringGraphType, string?>("url", s => s.Url, "An absolute http(s) URL.");
}
