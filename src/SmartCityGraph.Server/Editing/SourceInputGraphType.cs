using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Editing;

/// <summary><c>input SourceInput</c>: a source a change cites, as <c>Source</c> shows it.</summary>
public sealed class SourceInputGraphType : InputObjectGraphType
{
    public SourceInputGraphType()
    {
        Name = "SourceInput";
        Description = "Where a fact comes from: a document, page or dataset, with how the fact was taken from it.";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("url").Description("An absolute http(s) URL, where there is one (never guessed).");
        Field<CalendarDateGraphType>("retrievedOn");
        Field<StringGraphType>("publisher");
        Field<StringGraphType>("note").Description("How the fact was taken from the source: matching, precision, caveats.");
    }

    /// <summary>The <c>sources</c> of a parsed input (an absent or null list is none, which the write path refuses).</summary>
    public static IReadOnlyList<Source> From(IDictionary<string, object?> input) =>
        (input.Get<IEnumerable<object?>>("sources") ?? [])
        .OfType<IDictionary<string, object?>>()
        .Select(s => new Source
        {
            Title = s.Get<string>("title") ?? "",
            Url = s.Get<string>("url"),
            RetrievedOn = s.Get<DateOnly?>("retrievedOn"),
            Publisher = s.Get<string>("publisher"),
            Note = s.Get<string>("note"),
        })
        .ToList();
}
