using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Tests.Filtering;

public enum Colour { Red, Green, Blue }

public sealed class Item
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateOnly? Day { get; set; }
    public Colour? Colour { get; set; }
    public List<Tag> Tags { get; set; } = [];
}

public sealed class Tag
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public required string Label { get; set; }
}

/// <summary>A tiny catalogue in a database of its own (SQLite in memory or PostgreSQL), so the generated predicates really run as SQL.</summary>
public sealed class CatalogueDb(DbConnection connection, CommandLog log, DbContextOptions<CatalogueDb> options)
    : InMemoryDb(connection, log, options)
{
    public DbSet<Item> Items => Set<Item>();

    public static CatalogueDb Create(TestEngine engine = TestEngine.Sqlite)
    {
        var db = Open<CatalogueDb>(engine, (connection, log, options) => new CatalogueDb(connection, log, options));
        db.Items.AddRange(
            new Item { Id = 1, Name = "Alpha Forum", Day = new DateOnly(2021, 3, 1), Colour = Filtering.Colour.Red, Tags = [new Tag { Label = "open" }, new Tag { Label = "city" }] },
            new Item { Id = 2, Name = "beta workshop", Day = new DateOnly(2021, 3, 15), Colour = Filtering.Colour.Green, Tags = [new Tag { Label = "open" }] },
            new Item { Id = 3, Name = "Gamma", Day = null, Colour = null },
            new Item { Id = 4, Name = "Delta FORUM", Day = new DateOnly(2021, 4, 1), Colour = Filtering.Colour.Blue, Tags = [new Tag { Label = "closed" }] },
            new Item { Id = 5, Name = "Epsilon", Day = new DateOnly(2021, 3, 15), Colour = Filtering.Colour.Red });
        db.SaveChanges();
        db.ChangeTracker.Clear();
        return db;
    }
}
