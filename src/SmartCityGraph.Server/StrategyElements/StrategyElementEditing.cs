using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.StrategyElements;

/// <summary>What editors set on a strategy element (createStrategyElement, updateStrategyElement); what it belongs to is a relation.</summary>
internal static class StrategyElementEditing
{
    public static readonly EntityEditing<StrategyElement> Fields =
        new EntityEditing<StrategyElement>("StrategyElement", typeof(StrategyElementGraphType), () => new StrategyElement { Key = "", Title = "" })
            .Field<StrategyElementTypeGraphType, StrategyElementType>("type", s => s.Type);
}
