using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.GraphQL.Faceting;

public sealed class FacetValueGraphType : ObjectGraphType<FacetValue>
{
    public FacetValueGraphType()
    {
        Name = "FacetValue";
        Description = "One bucket of a facet: a value and how many items of the list have it.";
        Field<StringGraphType>("value")
            .Description("The value (an enum name, a month \"2021-03\", a year, an id); null for the items without one.")
            .Resolve(ctx => ctx.Source.Value);
        Field<StringGraphType>("label")
            .Description("A readable name where the value is an id (e.g. an organisation's title); null otherwise.")
            .Resolve(ctx => ctx.Source.Label);
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many items of the list fall in this bucket.").Resolve(ctx => ctx.Source.Count);
    }
}

public sealed class DateRangeGraphType : ObjectGraphType<DateRange>
{
    public DateRangeGraphType()
    {
        Name = "DateRange";
        Description = "The earliest and the latest value of a date over the items of a list (null when none has one).";
        AddField(new FieldType { Name = "min", ResolvedType = new GraphQLTypeReference("Date"), Resolver = new FuncFieldResolver<DateRange, DateOnly?>(ctx => ctx.Source.Min) });
        AddField(new FieldType { Name = "max", ResolvedType = new GraphQLTypeReference("Date"), Resolver = new FuncFieldResolver<DateRange, DateOnly?>(ctx => ctx.Source.Max) });
    }
}

/// <summary>The filtered items of one connection field, as the source of its <c>facets</c> and <c>aggregate</c> objects.</summary>
public sealed class FacetScope<T>(IQueryable<T> query)
{
    private Task<IReadOnlyList<DateRange>>? _ranges;

    public IQueryable<T> Query => query;

    /// <summary>All date ranges of the aggregate, read once (one statement) however many are selected.</summary>
    public Task<IReadOnlyList<DateRange>> DateRangesAsync(FacetableFields<T> fields, CancellationToken ct) =>
        _ranges ??= fields.DateRangesAsync(query, ct);
}

public static class FacetFields
{
    /// <summary>
    /// Adds <c>facets: XFacets</c> (when facets are declared) and <c>aggregate: XAggregate</c> (when date
    /// ranges are declared) to a connection type. They are computed over the connection's own filtered
    /// query (<see cref="Connection{T}.Query"/>), so each field instance — each alias with its own
    /// <c>where</c> — counts its own items, and only when selected. A connection without a query (a
    /// nested page such as a pilot's events) answers null with an error.
    /// </summary>
    public static void AddFacets<T>(this ObjectGraphType<Connection<T>> connection, FacetableFields<T> fields)
    {
        if (fields.Facets.Count > 0)
        {
            var facets = new ObjectGraphType<FacetScope<T>> { Name = fields.TypeName + "Facets" };
            facets.Description = $"Counts of the list's {fields.TypeName} items (all of them, for the same `where`, not just the page) per value of a field.";
            foreach (var facet in fields.Facets)
            {
                var field = facets.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>(facet.Name)
                    .Description(facet.Description)
                    .ResolveAsync(async ctx => await facet.CountAsync(ctx.Source.Query, ctx, ctx.CancellationToken).ConfigureAwait(false))
                    .FieldType;
                if (facet.MaxBuckets is { } max) field.WithListSize(max);
            }
            connection.AddField(new FieldType
            {
                Name = "facets",
                Description = "How the list's items (for the same `where`) spread over values, counted in the database when selected. Root connections only: null with an error on a nested list.",
                ResolvedType = facets,
                Resolver = new FuncFieldResolver<Connection<T>, FacetScope<T>>(ctx => Scope(ctx.Source, "facets")),
            });
        }
        if (fields.DateRangeNames.Count > 0)
        {
            var aggregate = new ObjectGraphType<FacetScope<T>> { Name = fields.TypeName + "Aggregate" };
            aggregate.Description = $"Ranges of the dates of the list's {fields.TypeName} items (all of them, for the same `where`).";
            var names = fields.DateRangeNames;
            for (var i = 0; i < names.Count; i++)
            {
                var index = i;
                aggregate.Field<NonNullGraphType<DateRangeGraphType>>(names[i])
                    .ResolveAsync(async ctx => (await ctx.Source.DateRangesAsync(fields, ctx.CancellationToken).ConfigureAwait(false))[index]);
            }
            connection.AddField(new FieldType
            {
                Name = "aggregate",
                Description = "Earliest and latest dates of the list's items (for the same `where`), one statement for all. Root connections only: null with an error on a nested list.",
                ResolvedType = aggregate,
                Resolver = new FuncFieldResolver<Connection<T>, FacetScope<T>>(ctx => Scope(ctx.Source, "aggregate")),
            });
        }
    }

    private static FacetScope<T> Scope<T>(Connection<T> connection, string field) =>
        connection.Query is { } query
            ? new FacetScope<T>(query)
            : throw GraphQLRequestException.InvalidInput($"'{field}' is offered on root connections only (e.g. events(where: …)); filter the root connection by the relation instead.");

    /// <summary>Registers the facet object types the schema resolves by CLR type.</summary>
    public static IServiceCollection AddFacetGraphTypes(this IServiceCollection services)
    {
        services.AddTransient<FacetValueGraphType>();
        services.AddTransient<DateRangeGraphType>();
        return services;
    }
}
