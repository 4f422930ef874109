using GraphQL;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.Server.AsOf;

/// <summary>Which database a service scope reads: the live one, or a past state (<see cref="GraphSnapshot"/>).</summary>
public sealed class GraphReadState
{
    public GraphSnapshot? Snapshot { get; set; }

    /// <summary>The scope's context: on the past state, else from the pools (the replica when the request only reads and there is one).</summary>
    internal SmartCityDbContext CreateContext(IServiceProvider services) =>
        Snapshot?.CreateContext()
        ?? services.GetRequiredService<SmartCityContextPools>().Create(services.GetRequiredService<IReadRouting>().ReadOnly);
}

/// <summary>A scope reading the graph as of one instant: its services (loaders, traversal, exports) and the revision it shows.</summary>
public sealed record AsOfScope(int Revision, IServiceProvider Services);

/// <summary>
/// The request's "as of" scopes, one per instant asked for: a service scope whose <see cref="SmartCityDbContext"/> reads
/// the graph as it stood at the latest revision at or before the instant — the same resolvers, loaders and SQL, run
/// against a past state. An instant at or after the latest revision reads the live database. Disposed with the request.
/// </summary>
public sealed class AsOfScopes(IServiceScopeFactory scopes, GraphSnapshots snapshots, SmartCityContextPools live, SmartCityDbContext requestDb)
    : IAsyncDisposable
{
    private readonly Dictionary<DateTimeOffset, AsOfScope> opened = [];
    private readonly List<IAsyncDisposable> owned = [];

    /// <summary>Opens (once per instant and request) the scope reading the graph as of <paramref name="instant"/>.</summary>
    public async Task<AsOfScope> OpenAsync(DateTimeOffset instant, IServiceProvider requestServices, CancellationToken ct)
    {
        if (opened.TryGetValue(instant, out var existing)) return existing;
        var revision = await GraphReplay.RevisionAtAsync(requestDb, instant.UtcDateTime, ct);
        var head = await GraphReplay.HeadAsync(requestDb, ct);
        AsOfScope scope;
        if (revision == head)
        {
            scope = new AsOfScope(revision, requestServices); // nothing changed since: the live graph is that state
        }
        else
        {
            GraphSnapshot snapshot;
            IDisposable lease;
            try
            {
                (snapshot, lease) = await snapshots.AtAsync(revision, () => live.Create(readOnly: false), ct); // the primary: it has every revision
            }
            catch (Exception e) when (e is SnapshotTooLargeException or IncompleteHistoryException)
            {
                throw GraphQLRequestException.InvalidInput(e.Message);
            }
            var services = scopes.CreateAsyncScope();
            services.ServiceProvider.GetRequiredService<GraphReadState>().Snapshot = snapshot;
            owned.Add(services);
            owned.Add(new LeaseDisposer(lease));
            scope = new AsOfScope(revision, services.ServiceProvider);
        }
        opened[instant] = scope;
        return scope;
    }

    /// <summary>The scope an enclosing field opened for <paramref name="instant"/>.</summary>
    public AsOfScope Opened(DateTimeOffset instant) =>
        opened.TryGetValue(instant, out var scope) ? scope : throw new InvalidOperationException($"No as-of scope was opened for {instant:O}.");

    public async ValueTask DisposeAsync()
    {
        // Scopes first (their contexts close their connections), then the leases that keep the states alive.
        foreach (var item in owned) await item.DisposeAsync();
        owned.Clear();
    }

    private sealed class LeaseDisposer(IDisposable lease) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lease.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
