using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Editing;

/// <summary>A migrated in-memory database with the write path, the seed importer and a notifier that remembers what it heard.</summary>
public sealed class EditingDatabase(DatabaseProvider provider = DatabaseProvider.Sqlite) : IDisposable
{
    private readonly TestDatabase database = TestDatabase.Create(provider);

    public List<IReadOnlyList<int>> Notified { get; } = [];

    public SmartCityDbContext Context() => database.CreateContext();

    public GraphWriter Writer(SmartCityDbContext db) => new(db, new RecordingNotifier(Notified), TimeProvider.System, NullLogger<GraphWriter>.Instance);

    public async Task<ImportResult> ImportAsync(string directory)
    {
        await using var db = Context();
        return await new SeedImporter(db, Writer(db), NullLogger<SeedImporter>.Instance).ImportAsync(directory);
    }

    /// <summary>What the server does with its configured seed when it starts.</summary>
    public async Task<ImportResult> ImportOnStartAsync(string directory)
    {
        await using var db = Context();
        return await new SeedImporter(db, Writer(db), NullLogger<SeedImporter>.Instance).ImportOnStartAsync(directory);
    }

    public async Task<EditResult<T>> WriteAsync<T>(string actor, Func<EditSession, CancellationToken, Task<T>> change)
    {
        await using var db = Context();
        return await Writer(db).WriteAsync(actor, change);
    }

    public static IReadOnlyList<Source> Cited(string title = "Press release") => [new Source { Title = title, Url = "https://example.org/press" }];

    public void Dispose() => database.Dispose();

    private sealed class RecordingNotifier(List<IReadOnlyList<int>> heard) : IChangeNotifier
    {
        public void Committed(IReadOnlyList<int> revisionNumbers) => heard.Add(revisionNumbers);
    }
}
