using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Graph;

/// <summary>
/// A root list's page as a prepared statement (<see cref="SqliteGraphReader.EntityPageAsync{T}"/>) holds exactly the rows
/// EF Core's translation of the same predicate and order does, nulls and negations included, or is left to EF Core.
/// </summary>
public sealed class EntityPageTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private static readonly DateOnly Today = new(2021, 3, 24); // some events run that day

    public async Task InitializeAsync()
    {
        await using var db = _database.CreateContext();
        await new SeedImporter(db, new GraphWriter(db, new NoChangeNotifier(), TimeProvider.System, NullLogger<GraphWriter>.Instance),
            NullLogger<SeedImporter>.Instance).ImportAsync(SeedLocation.Directory);
        // What the seed lacks: a cancelled event, one without dates.
        db.AddRange(
            new Event { Key = "cancelled", Title = "Cancelled", StartDate = new DateOnly(2021, 3, 1), Cancelled = true, Type = EventType.Forum, Sources = [new() { Title = "t" }] },
            new Event { Key = "undated", Title = "Undated", Sources = [new() { Title = "t" }] });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A value as the GraphQL layer passes one: a member of a captured object, which EF Core sends as a parameter.</summary>
    private static Expression Captured<T>(T value) => Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed record Box<T>(T Value);

    private static Expression<Func<Event, bool>> Where(Func<ParameterExpression, Expression> body)
    {
        var e = Expression.Parameter(typeof(Event), "e");
        return Expression.Lambda<Func<Event, bool>>(body(e), e);
    }

    private static MemberExpression Member(ParameterExpression e, string name) => Expression.Property(e, name);

    public static TheoryData<string> Predicates => [.. Cases.Keys];

    private static readonly Dictionary<string, Expression<Func<Event, bool>>> Cases = new()
    {
        ["startDate >= 2021-06-01"] = Where(e => Expression.GreaterThanOrEqual(Member(e, "StartDate"), Captured(new DateOnly(2021, 6, 1)))),
        ["not (startDate >= 2021-06-01)"] = Where(e => Expression.Not(Expression.GreaterThanOrEqual(Member(e, "StartDate"), Captured(new DateOnly(2021, 6, 1))))),
        ["endDate == null"] = Where(e => Expression.Equal(Member(e, "EndDate"), Expression.Constant(null, typeof(DateOnly?)))),
        ["endDate != 2021-03-24"] = Where(e => Expression.NotEqual(Member(e, "EndDate"), Captured<DateOnly?>(new DateOnly(2021, 3, 24)))),
        ["not (endDate == 2021-03-24)"] = Where(e => Expression.Not(Expression.Equal(Member(e, "EndDate"), Captured<DateOnly?>(new DateOnly(2021, 3, 24))))),
        ["type == WORKSHOP"] = Where(e => Expression.Equal(Member(e, "Type"), Captured<EventType?>(EventType.Workshop))),
        ["type != WORKSHOP"] = Where(e => Expression.NotEqual(Member(e, "Type"), Captured<EventType?>(EventType.Workshop))),
        ["type in [WORKSHOP, FORUM]"] = Where(e => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(EventType?)],
            Captured(new List<EventType?> { EventType.Workshop, EventType.Forum }), Member(e, "Type"))),
        ["type in [WORKSHOP, null]"] = Where(e => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(EventType?)],
            Captured(new List<EventType?> { EventType.Workshop, null }), Member(e, "Type"))),
        ["not (type in [WORKSHOP])"] = Where(e => Expression.Not(Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(EventType?)],
            Captured(new List<EventType?> { EventType.Workshop }), Member(e, "Type")))),
        ["title > M (string.Compare)"] = Where(e => Expression.GreaterThan(
            Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, Member(e, "Title"), Captured("M")),
            Expression.Constant(0))),
        ["status finished or planned"] = Where(e => Expression.OrElse(
            Inline(EventStatusRule.HasStatusOn(EventStatus.Finished, Today), e), Inline(EventStatusRule.HasStatusOn(EventStatus.Planned, Today), e))),
        ["not status ongoing"] = Where(e => Expression.Not(Inline(EventStatusRule.HasStatusOn(EventStatus.Ongoing, Today), e))),
        ["status cancelled"] = Where(e => Inline(EventStatusRule.HasStatusOn(EventStatus.Cancelled, Today), e)),
        ["false"] = Where(_ => Expression.Constant(false)),
    };

    private static Expression Inline(Expression<Func<Event, bool>> rule, ParameterExpression e) =>
        new Replace(rule.Parameters[0], e).Visit(rule.Body);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    [Theory]
    [MemberData(nameof(Predicates))]
    public async Task A_page_holds_the_rows_EF_Core_reads_in_either_direction_of_a_nullable_key(string name)
    {
        var where = Cases[name];
        foreach (var descending in new[] { false, true })
        {
            (LambdaExpression, bool)[] order = [((Expression<Func<Event, DateOnly?>>)(e => e.EndDate), descending), ((Expression<Func<Event, int>>)(e => e.Id), descending)];
            var page = await _database.Reader.EntityPageAsync(new EntityPage<Event>(where, order, 500, null));

            await using var db = _database.CreateContext();
            var filtered = db.Set<Event>().AsNoTracking().Where(where);
            var expected = await (descending
                ? filtered.OrderByDescending(e => e.EndDate).ThenByDescending(e => e.Id)
                : filtered.OrderBy(e => e.EndDate).ThenBy(e => e.Id)).Select(e => e.Id).ToListAsync();
            Assert.NotNull(page);
            Assert.Equal(expected, page.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task The_corpus_finds_rows_and_leaves_rows_out()
    {
        // Each case must mean something on the seed: neither every event nor (but for "false") none.
        await using var db = _database.CreateContext();
        var all = await db.Set<Event>().CountAsync();
        foreach (var (name, where) in Cases.Where(c => c.Key != "false"))
        {
            var count = await db.Set<Event>().CountAsync(where);
            Assert.True(count > 0 && count < all, $"{name}: {count} of {all}");
        }
    }

    [Fact]
    public async Task Only_the_members_asked_for_are_read_and_take_limits_the_rows()
    {
        (LambdaExpression, bool)[] order = [((Expression<Func<Event, string>>)(e => e.Title), false), ((Expression<Func<Event, int>>)(e => e.Id), false)];
        var page = await _database.Reader.EntityPageAsync(new EntityPage<Event>(null, order, 3, ["Title"]));
        Assert.NotNull(page);

        await using var db = _database.CreateContext();
        var expected = await db.Set<Event>().OrderBy(e => e.Title).ThenBy(e => e.Id).Take(3).ToListAsync();
        Assert.Equal(expected.Select(e => (e.Id, e.Title)), page.Select(e => (e.Id, e.Title)));
        Assert.All(page, e => Assert.Null(e.Summary)); // not read
        Assert.All(page, e => Assert.Empty(e.Sources));
    }

    [Fact]
    public async Task What_it_cannot_say_in_SQL_is_left_to_EF_Core()
    {
        (LambdaExpression, bool)[] byId = [((Expression<Func<Event, int>>)(e => e.Id), false)];
        Expression<Func<Event, bool>> text = e => e.Title.ToLower().Contains("forum");
        Expression<Func<Event, bool>> columns = e => e.StartDate == e.EndDate;

        Assert.Null(await _database.Reader.EntityPageAsync(new EntityPage<Event>(text, byId, 10, null)));
        Assert.Null(await _database.Reader.EntityPageAsync(new EntityPage<Event>(columns, byId, 10, null)));
        Assert.Null(await _database.Reader.EntityPageAsync(new EntityPage<Event>(null, byId, 10, ["NoSuchMember"])));
        Assert.Null(await ((IGraphReader)new NotSqlite()).EntityPageAsync(new EntityPage<Event>(null, byId, 10, null))); // the interface's default
    }

    /// <summary>A reader with only the interface's default page (as PostgreSQL's).</summary>
    private sealed class NotSqlite : IGraphReader
    {
        public Task<List<Entity>> EntitiesAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<List<Entity>> EntitiesByKeyAsync(IReadOnlyCollection<(NodeKind Kind, string Key)> names, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<List<Relation>> RelationsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<List<ParentRow<Relation>>> RelationWindowsAsync(IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, KeyWindow window, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Dictionary<int, int>> RelationCountsAsync(IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<List<ParentRow<T>>> NeighbourWindowsAsync<T>(IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind, KeyWindow window, IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity => throw new NotSupportedException();
        public Task<List<Link<T>>> NeighbourLinksAsync<T>(IReadOnlyCollection<int> ownerIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind? kind, IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity => throw new NotSupportedException();
        public Task<List<GraphEdge>> EdgesTouchingAsync(IReadOnlyCollection<int> frontier, IReadOnlyCollection<RelationType>? types, bool withKinds, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<FrontierStep> CheaperFrontierEdgesAsync(WalkFrontier first, WalkFrontier second, IReadOnlyCollection<RelationType>? types, int limit, CancellationToken ct = default) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_sorted_page_uses_the_kinds_date_index_for_order_and_seek()
    {
        // The page of issue 11's filtered, date-sorted list: the (Kind, StartDate, Id) index gives the rows in order, so
        // SQLite stops after the page instead of sorting every match (EF Core's CASE over the null order could not).
        var reader = (SqliteGraphReader)_database.Reader;
        var since = new DateOnly(2021, 6, 1);
        var where = Where(e => Expression.GreaterThanOrEqual(Member(e, "StartDate"), Captured(since)));
        (LambdaExpression, bool)[] order = [((Expression<Func<Event, DateOnly>>)(e => e.StartDate), true), ((Expression<Func<Event, int>>)(e => e.Id), true)];
        _database.ReaderStatements.Clear();
        Assert.NotNull(await reader.EntityPageAsync(new EntityPage<Event>(where, order, 51, ["Title", "StartDate"])));
        var sql = Assert.Single(_database.ReaderStatements);

        await using var db = _database.CreateContext();
        var plan = await Explain.SqliteAsync(db, sql, new Dictionary<string, object> { ["$p0"] = since, ["$take"] = 51 });
        Assert.Contains(plan, step => step.Contains("IX_Entities_Kind_StartDate_Id", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
