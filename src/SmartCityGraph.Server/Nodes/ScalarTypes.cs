using GraphQL.Types;

namespace SmartCityGraph.Server.Nodes;

/// <summary>A calendar date such as "2022-04-28" (the contract's name for it).</summary>
public sealed class CalendarDateGraphType : DateOnlyGraphType
{
    public CalendarDateGraphType()
    {
        Name = "Date";
        Description = "A calendar date, ISO-8601: \"2022-04-28\".";
    }
}

/// <summary>A point in time with its offset, ISO-8601.</summary>
public sealed class InstantGraphType : DateTimeOffsetGraphType
{
    public InstantGraphType()
    {
        Name = "DateTime";
        Description = "A point in time, ISO-8601 with offset: \"2022-04-28T17:00:00+02:00\".";
    }
}
