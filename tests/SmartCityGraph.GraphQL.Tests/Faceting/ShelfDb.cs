using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Tests.Faceting;

public enum Genre { Novel, Poetry, Essay }

public sealed class Book
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public Genre? Genre { get; set; }
    public DateOnly? Published { get; set; }
    public DateOnly Acquired { get; set; }
    public bool Withdrawn { get; set; }
    public List<Author> Authors { get; set; } = [];
}

public sealed class Author
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public List<Book> Books { get; set; } = [];
}

/// <summary>A small library in a database of its own (SQLite in memory or PostgreSQL), counting the SQL statements it runs.</summary>
public sealed class ShelfDb(DbConnection connection, CommandLog log, DbContextOptions<ShelfDb> options)
    : InMemoryDb(connection, log, options)
{
    public DbSet<Book> Books => Set<Book>();
    public DbSet<Author> Authors => Set<Author>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration) =>
        configuration.Properties<Enum>().HaveConversion<string>(); // as the real store keeps enums

    public static ShelfDb Create(TestEngine engine = TestEngine.Sqlite)
    {
        var db = Open<ShelfDb>(engine, (connection, log, options) => new ShelfDb(connection, log, options));
        var ada = new Author { Key = "ada", Name = "Ada" };
        var bea = new Author { Key = "bea", Name = "Bea" };
        var cem = new Author { Key = "cem", Name = "Cem" };
        db.Books.AddRange(
            new Book { Title = "One", Genre = Genre.Novel, Published = new DateOnly(2021, 3, 1), Acquired = new DateOnly(2022, 1, 5), Authors = [ada, bea] },
            new Book { Title = "Two", Genre = Genre.Novel, Published = new DateOnly(2021, 3, 31), Acquired = new DateOnly(2022, 1, 20), Authors = [ada] },
            new Book { Title = "Three", Genre = Genre.Poetry, Published = new DateOnly(2021, 12, 24), Acquired = new DateOnly(2022, 2, 1), Authors = [ada, cem] },
            new Book { Title = "Four", Genre = null, Published = null, Acquired = new DateOnly(2023, 7, 9), Withdrawn = true },
            new Book { Title = "Five", Genre = Genre.Essay, Published = new DateOnly(2020, 1, 2), Acquired = new DateOnly(2022, 1, 31), Authors = [bea] });
        db.SaveChanges();
        db.ChangeTracker.Clear();
        db.Log.Commands.Clear();
        return db;
    }
}
