using GraphQL;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Cost;

namespace SmartCityGraph.GraphQL.Tests.Cost;

/// <summary>
/// A small schema with the shapes cost analysis cares about: a Relay connection (<c>items</c>) whose items
/// have a nested connection (<c>children</c>), a recursive object field (<c>parent</c>) for depth, plain
/// lists, an interface with two implementations, <c>nodes(ids:)</c> and a list with a size override.
/// Every object-returning resolver counts its calls in <see cref="ResolverCalls"/> (kept in the user context).
/// </summary>
internal static class ToySchema
{
    public static readonly ISchema Instance = Build();

    private static Schema Build()
    {
        var schema = new Schema { Query = new QueryType() };
        schema.Initialize();
        return schema;
    }
}

internal sealed class ResolverCalls
{
    public const string UserContextKey = "test.resolverCalls";
    public int Count;

    public static T Hit<T>(IResolveFieldContext context, T result)
    {
        Interlocked.Increment(ref ((ResolverCalls)context.UserContext[UserContextKey]!).Count);
        return result;
    }
}

internal sealed record ItemData(string Id, string Name, ItemData? Parent = null);

internal sealed record TagData(string Id, string Label);

internal sealed record Page(IReadOnlyList<ItemData> Items);

internal static class Data
{
    public static readonly ItemData Root = new("1", "root");
    public static readonly ItemData Child = new("2", "child", Root);
    public static readonly Page TwoItems = new([Root, Child]);
    public static readonly TagData Tag = new("t1", "tag");
}

internal sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<ItemConnectionType>("items")
            .Argument<IntGraphType>("first").Argument<IntGraphType>("last")
            .Argument<StringGraphType>("after").Argument<StringGraphType>("before")
            .Resolve(c => ResolverCalls.Hit(c, Data.TwoItems));
        Field<ItemType>("item").Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => ResolverCalls.Hit(c, Data.Child));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThingInterface>>>>("things")
            .Resolve(c => ResolverCalls.Hit(c, new object[] { Data.Root, Data.Tag }));
        Field<NonNullGraphType<ListGraphType<ThingInterface>>>("nodes")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .Resolve(c => ResolverCalls.Hit(c, c.GetArgument<List<string>>("ids").Select(id => (object)new ItemData(id, id))));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagType>>>>("topTags")
            .WithListSize(3)
            .Resolve(c => ResolverCalls.Hit(c, new[] { Data.Tag }));
        Field<NonNullGraphType<ClusterType>>("cluster")
            .Argument<IntGraphType>("limit", arg => arg.DefaultValue = 20)
            .WithPageSizeFromArgument("limit")
            .Resolve(c => ResolverCalls.Hit(c, Data.TwoItems));
    }
}

/// <summary>A page-like object that is not a connection: its lists are as long as the field's <c>limit</c>.</summary>
internal sealed class ClusterType : ObjectGraphType<Page>
{
    public ClusterType()
    {
        Name = "Cluster";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("members").AsPageItems().Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagType>>>>("links").AsPageItems().Resolve(c => Array.Empty<TagData>());
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Resolve(_ => false);
    }
}

internal sealed class ThingInterface : InterfaceGraphType
{
    public ThingInterface()
    {
        Name = "Thing";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

internal sealed class ItemType : ObjectGraphType<ItemData>
{
    public ItemType()
    {
        Name = "Item";
        Interface<ThingInterface>();
        IsTypeOf = o => o is ItemData;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<ItemType>("parent").Resolve(c => ResolverCalls.Hit(c, c.Source.Parent));
        Field<NonNullGraphType<ItemConnectionType>>("children")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Resolve(c => ResolverCalls.Hit(c, new Page([])));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagType>>>>("tags")
            .Resolve(c => ResolverCalls.Hit(c, new[] { Data.Tag }));
    }
}

internal sealed class TagType : ObjectGraphType<TagData>
{
    public TagType()
    {
        Name = "Tag";
        Interface<ThingInterface>();
        IsTypeOf = o => o is TagData;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<ItemType>("owner").Resolve(c => ResolverCalls.Hit(c, Data.Root));
    }
}

internal sealed class ItemConnectionType : ObjectGraphType<Page>
{
    public ItemConnectionType()
    {
        Name = "ItemConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemEdgeType>>>>("edges").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("nodes").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.Items.Count);
    }
}

internal sealed class ItemEdgeType : ObjectGraphType<ItemData>
{
    public ItemEdgeType()
    {
        Name = "ItemEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<ItemType>>("node").Resolve(c => c.Source);
    }
}

internal sealed class PageInfoType : ObjectGraphType<Page>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(_ => false);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(_ => false);
    }
}
