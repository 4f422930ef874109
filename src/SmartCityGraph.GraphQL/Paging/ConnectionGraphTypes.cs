using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>A Relay connection with <c>nodes</c>, <c>edges</c>, <c>pageInfo</c> and a lazily counted <c>totalCount</c>.</summary>
public class ConnectionGraphType<TNodeGraphType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeGraphType : IGraphType
{
    /// <param name="name">The connection's type name, e.g. "EventsConnection".</param>
    public ConnectionGraphType(string name, string? description = null)
    {
        Name = name;
        Description = description ?? "A page of a list, with cursors to fetch the pages around it.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>>("nodes")
            .Description("The items of this page, in order.")
            .Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeGraphType, TNode>>>>>("edges")
            .Description("The items of this page with their cursors.")
            .Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many items the whole list holds (counted only when asked for).")
            .Resolve(ctx => ctx.Source.TotalCount());
    }
}

public sealed class EdgeGraphType<TNodeGraphType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeGraphType : IGraphType
{
    public EdgeGraphType()
    {
        Name = typeof(TNode).Name + "Edge"; // e.g. EventEdge: one edge type per node type

        Description = "An item of a connection with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in its connection.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(ctx => ctx.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(ctx => ctx.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Resolve(ctx => ctx.Source.StartCursor);
        Field<StringGraphType>("endCursor").Resolve(ctx => ctx.Source.EndCursor);
    }
}

public static class ConnectionArguments
{
    /// <summary>Adds first/after/last/before to a connection field.</summary>
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"Items from the start (default {PageRequest.DefaultPageSize}, at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("after", "Start after this cursor.")
            .Argument<IntGraphType>("last", $"Items from the end (at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("before", "End before this cursor.");
}
