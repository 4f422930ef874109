using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.EventSeries;

/// <summary>What editors set on a series (createSeries, updateSeries); its parts and organisers are relations.</summary>
internal static class SeriesEditing
{
    public static readonly EntityEditing<Series> Fields = new EntityEditing<Series>("Series", typeof(SeriesGraphType), () => new Series { Key = "", Title = "" })
        .Field<SeriesTypeGraphType, SeriesType>("type", s => s.Type)
        .Field<CalendarDateGraphType, DateOnly?>("startDate", s => s.StartDate, "Only where the sources date the series as a whole.")
        .Field<CalendarDateGraphType, DateOnly?>("endDate", s => s.EndDate, "Never before the start date.")
        .Field<IntGraphType, int?>("size", s => s.Size, "How many parts the sources state.")
        .Field<SizeQualifierGraphType, SizeQualifier?>("sizeQualifier", s => s.SizeQualifier);
}
