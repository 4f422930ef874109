using System.Data.Common;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.GraphQL.Sorting;

namespace SmartCityGraph.GraphQL.Tests.Projection;

/// <summary>Like the real entities: one table for every kind, the kind set by each subtype's constructor (private setter).</summary>
public abstract class Specimen(string kind)
{
    public int Id { get; set; }
    public string Kind { get; private set; } = kind;
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Note { get; set; }
}

public sealed class Plant() : Specimen("plant")
{
    public DateOnly? Planted { get; set; }
    public DateOnly? Harvested { get; set; }
    public int Height { get; set; }
}

public sealed class Rock() : Specimen("rock")
{
    public int Weight { get; set; }
}

/// <summary>A garden in a database of its own (SQLite in memory or PostgreSQL) that keeps the text of every statement it runs.</summary>
public sealed class GardenDb(DbConnection connection, CommandLog log, DbContextOptions<GardenDb> options)
    : InMemoryDb(connection, log, options)
{
    public DbSet<Specimen> Specimens => Set<Specimen>();
    public DbSet<Plant> Plants => Set<Plant>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Specimen>().HasDiscriminator(s => s.Kind).HasValue<Plant>("plant").HasValue<Rock>("rock");
        model.Entity<Plant>();
        model.Entity<Rock>();
    }

    public static GardenDb Create(TestEngine engine = TestEngine.Sqlite)
    {
        var db = Open<GardenDb>(engine, (connection, log, options) => new GardenDb(connection, log, options));
        db.AddRange(
            new Plant { Key = "basil", Name = "Basil", Note = "by the door", Planted = new DateOnly(2024, 4, 1), Height = 30 },
            new Plant { Key = "chard", Name = "Chard", Planted = new DateOnly(2024, 3, 1), Harvested = new DateOnly(2024, 7, 1), Height = 50 },
            new Plant { Key = "dill", Name = "Dill", Height = 0 },
            new Rock { Key = "granite", Name = "Granite", Weight = 7 },
            new Plant { Key = "fennel", Name = "Fennel", Planted = new DateOnly(2024, 4, 1), Height = 80 },
            new Plant { Key = "leek", Name = "Leek", Planted = new DateOnly(2024, 5, 9), Height = 40 });
        db.SaveChanges();
        db.ChangeTracker.Clear();
        db.Log.Commands.Clear();
        return db;
    }
}

public sealed class SpecimenInterface : InterfaceGraphType<Specimen>
{
    public SpecimenInterface()
    {
        Name = "Specimen";
        Field<NonNullGraphType<StringGraphType>>("name");
    }
}

public sealed class PlantType : ObjectGraphType<Plant>
{
    public PlantType()
    {
        Name = "Plant";
        Interface<SpecimenInterface>();
        IsTypeOf = value => value is Plant;
        this.AlwaysReads(p => p.Id, p => p.Key);
        Field<NonNullGraphType<IdGraphType>>("id").Reads(p => p.Kind, p => p.Key).Resolve(ctx => ctx.Source.Kind + ":" + ctx.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(p => p.Name).Resolve(ctx => ctx.Source.Name);
        Field<StringGraphType>("note").Reads(p => p.Note).Resolve(ctx => ctx.Source.Note);
        Field<StringGraphType>("planted").Reads(p => p.Planted).Resolve(ctx => ctx.Source.Planted?.ToString("yyyy-MM-dd"));
        Field<NonNullGraphType<StringGraphType>>("stage").Reads(p => p.Planted, p => p.Harvested)
            .Resolve(ctx => ctx.Source.Harvested is not null ? "harvested" : ctx.Source.Planted is not null ? "growing" : "seed");
        // Deliberately without a read declaration: selecting it must load whole plants.
        Field<NonNullGraphType<IntGraphType>>("height").Resolve(ctx => ctx.Source.Height);
    }
}

public sealed class RockType : ObjectGraphType<Rock>
{
    public RockType()
    {
        Name = "Rock";
        Interface<SpecimenInterface>();
        IsTypeOf = value => value is Rock;
        Field<NonNullGraphType<StringGraphType>>("name").Reads(r => r.Name).Resolve(ctx => ctx.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("weight").Reads(r => r.Weight).Resolve(ctx => ctx.Source.Weight);
        Field<NonNullGraphType<PlantsConnectionType>>("plantsAround").Description("Every plant, tallest first.").Reads().PagingArguments()
            .ResolveAsync(async ctx =>
            {
                // As a nested page is read: the items through the projection, then put in order in memory,
                // which reads Height whether or not a selected field does.
                var projection = ProjectionBuilder.ForConnection<Plant>(ctx, p => p.Height);
                ctx.UserContext[GardenQuery.ProjectionKey] = projection;
                var plants = await Garden.Db(ctx).Plants.AsNoTracking().SelectMembers(projection).ToListAsync(ctx.CancellationToken);
                var page = PageRequest.From(ctx, "Rock.plantsAround");
                return SmartCityGraph.GraphQL.Paging.Connection<Plant>.FromRows([.. plants.OrderByDescending(p => p.Height)], page, "Rock.plantsAround", p => p.Id,
                    () => new DeferredResult<int>(_ => Task.FromResult(plants.Count)));
            });
    }
}

public sealed class PlantsConnectionType() : ConnectionGraphType<PlantType, Plant>("PlantsConnection");

public sealed class SpecimensConnectionType() : ConnectionGraphType<SpecimenInterface, Specimen>("SpecimensConnection");

/// <summary>
/// <c>plants(first, after, last, before, plantedFirst)</c> pages the plants as the server's root connections do
/// (keyset, projected through <see cref="ProjectionBuilder"/>); <c>specimens</c> lists items of an interface type.
/// Each resolver leaves its projection in the user context under <see cref="ProjectionKey"/>.
/// </summary>
public sealed class GardenQuery : ObjectGraphType
{
    public const string ProjectionKey = "projection";

    private static readonly SortableFields<Plant> Sort = new SortableFields<Plant>("Plant", "id", p => p.Id).Field("planted", p => p.Planted);

    public GardenQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<PlantsConnectionType>>("plants").PagingArguments()
            .Argument<BooleanGraphType>("plantedFirst", "Sorted by the day planted, ascending (then id).")
            .ResolveAsync(async ctx =>
            {
                var order = ctx.GetArgument<bool>("plantedFirst")
                    ? Sort.Order(new List<object?> { new Dictionary<string, object?> { ["planted"] = SortDirection.Ascending } })
                    : Sort.Default;
                var scope = "plants" + order.Fingerprint;
                var projection = ProjectionBuilder.ForConnection(ctx, order);
                ctx.UserContext[ProjectionKey] = projection;
                return await Garden.Db(ctx).Plants.AsNoTracking()
                    .ToConnectionAsync(order, PageRequest.From(ctx, scope), scope, projection?.Selector, ctx.CancellationToken);
            });
        Field<NonNullGraphType<SpecimensConnectionType>>("specimens").PagingArguments()
            .ResolveAsync(async ctx =>
            {
                ctx.UserContext[ProjectionKey] = ProjectionBuilder.ForConnection<Specimen>(ctx);
                var order = new SortableFields<Specimen>("Specimen", "id", s => s.Id).Default;
                return await Garden.Db(ctx).Specimens.AsNoTracking()
                    .ToConnectionAsync(order, PageRequest.From(ctx, "specimens"), "specimens", ctx.CancellationToken);
            });
    }
}

internal static class Garden
{
    public static readonly ISchema Schema = Build();

    private static Schema Build()
    {
        var schema = new Schema { Query = new GardenQuery() };
        schema.RegisterType<PlantType>();
        schema.RegisterType<RockType>();
        schema.Initialize();
        return schema;
    }

    public static GardenDb Db(IResolveFieldContext context) => (GardenDb)context.UserContext["db"]!;

    public sealed record Outcome(ExecutionResult Result, object? Projection)
    {
        public string Json => new GraphQLSerializer().Serialize(Result);
    }

    /// <param name="document">The parse of <paramref name="query"/> to run, as a validated-document cache hands it out again.</param>
    public static async Task<Outcome> ExecuteAsync(GardenDb db, string query, object? variables = null, GraphQLParser.AST.GraphQLDocument? document = null)
    {
        var userContext = new Dictionary<string, object?> { ["db"] = db };
        // One DbContext per request cannot run two statements at once: serial, as the server runs queries.
        var executer = new DocumentExecuter(new GraphQLDocumentBuilder(), new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(new SerialExecutionStrategy(), OperationType.Query)]), []);
        var result = await executer.ExecuteAsync(o =>
        {
            o.Schema = Schema;
            o.Query = query;
            o.Document = document;
            o.Variables = variables is null ? null : new GraphQLSerializer().Deserialize<Inputs>(System.Text.Json.JsonSerializer.Serialize(variables));
            o.UserContext = userContext;
        });
        var outcome = new Outcome(result, userContext.GetValueOrDefault(GardenQuery.ProjectionKey));
        Assert.True(result.Errors is null || result.Errors.Count == 0, outcome.Json);
        return outcome;
    }
}
