using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>
/// What the generated queries' <c>Watch()</c> runs: the query's result now, and again whenever an entity in it —
/// any <c>id</c> the result holds — or a relation from or to one changes. Each round reads <c>latestRevision</c>,
/// runs the query, then subscribes to <c>entityChanged</c> and <c>relationChanged</c> for the result's ids
/// <c>since</c> that revision, so a change committed while the query ran still triggers the next round; the first
/// change ends the round (a burst of changes costs one re-run per round, not one per change).
/// </summary>
public static class GraphQLWatch
{
    /// <summary>Where the change feed stands before the query runs.</summary>
    public const string LatestRevisionDocument = "query WatchLatestRevision { latestRevision { number } }";

    public const string EntityChangesDocument =
        "subscription WatchEntityChanges($ids: [ID!], $since: Int) { entityChanged(ids: $ids, since: $since) { revision { number } } }";

    public const string RelationChangesDocument =
        "subscription WatchRelationChanges($ids: [ID!], $since: Int) { relationChanged(ids: $ids, since: $since) { revision { number } } }";

    // Sent by id like a generated operation's document (the generator puts these documents into the client's manifest).
    private static readonly string LatestRevisionId = GraphQLOperationRequest.DocumentIdOf(LatestRevisionDocument);
    private static readonly string EntityChangesId = GraphQLOperationRequest.DocumentIdOf(EntityChangesDocument);
    private static readonly string RelationChangesId = GraphQLOperationRequest.DocumentIdOf(RelationChangesDocument);

    /// <summary>The most ids one change subscription filters on (the server's cap).</summary>
    public const int MaxIds = 1000;

    /// <summary>
    /// Emits <paramref name="request"/>'s result, then a new one after every change to what it shows; a failed round
    /// (network, server errors) ends the observable with a <see cref="GraphQLClientException"/>. Dispose to stop.
    /// </summary>
    public static IObservable<IOperationResult<TResult>> Watch<TResult>(
        IGraphQLExecutor executor, IGraphQLSubscriptionExecutor changes, GraphQLOperationRequest request, Func<JsonElement, TResult> readData)
        where TResult : class =>
        new Watched<TResult>(executor, changes, request, readData);

    private sealed class Watched<TResult>(
        IGraphQLExecutor executor, IGraphQLSubscriptionExecutor changes, GraphQLOperationRequest request, Func<JsonElement, TResult> readData)
        : IObservable<IOperationResult<TResult>> where TResult : class
    {
        public IDisposable Subscribe(IObserver<IOperationResult<TResult>> observer)
        {
            var stop = new CancellationTokenSource();
            _ = RunAsync(observer, stop.Token);
            return new Stopper(stop);
        }

        private async Task RunAsync(IObserver<IOperationResult<TResult>> observer, CancellationToken stopped)
        {
            try
            {
                while (true)
                {
                    var latest = await executor.ExecuteAsync(
                        new GraphQLOperationRequest("WatchLatestRevision", LatestRevisionDocument, null) { DocumentId = LatestRevisionId }, ReadLatest, stopped).ConfigureAwait(false);
                    if (latest.Errors.Count > 0)
                        throw new GraphQLClientException(latest.Errors);

                    HashSet<string> ids = [];
                    var result = await executor.ExecuteAsync(request, data =>
                    {
                        CollectIds(data, ids);
                        return readData(data);
                    }, stopped).ConfigureAwait(false);
                    observer.OnNext(result);
                    if (result.Errors.Count > 0 && result.Data is null)
                        throw new GraphQLClientException(result.Errors);

                    await NextChangeAsync(ids, latest.Data!.Number, stopped).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                // disposed
            }
            catch (Exception exception)
            {
                observer.OnError(exception);
            }
        }

        /// <summary>Waits for the first change of these ids after revision <paramref name="since"/> (forever, when there are none).</summary>
        private async Task NextChangeAsync(HashSet<string> ids, int? since, CancellationToken stopped)
        {
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stopped);
            // entityChanged takes entities' ids; relationChanged also relations' (revisions' ids name no change to watch).
            var typed = ids.Select(id => (Id: id, Type: TypeOf(id))).Where(i => i.Type is not null and not "Revision").ToList();
            var entities = typed.Where(i => i.Type != "Relation").Select(i => i.Id).Take(MaxIds).ToList();
            var relations = typed.Select(i => i.Id).Take(MaxIds).ToList();
            if (relations.Count == 0)
            {
                await Task.Delay(Timeout.Infinite, stopped).ConfigureAwait(false);
                return;
            }

            var entity = entities.Count > 0
                ? FirstAsync(EntityChangesDocument, EntityChangesId, "WatchEntityChanges", entities, since, round.Token)
                : Task.Delay(Timeout.Infinite, round.Token);
            var relation = FirstAsync(RelationChangesDocument, RelationChangesId, "WatchRelationChanges", relations, since, round.Token);
            var first = await Task.WhenAny(entity, relation).ConfigureAwait(false);
            round.Cancel(); // the other subscription ends too (its enumeration tells the server)
            await first.ConfigureAwait(false); // rethrows a failure
            try { await Task.WhenAll(entity, relation).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }

        private async Task FirstAsync(string document, string documentId, string name, List<string> ids, int? since, CancellationToken cancellationToken)
        {
            var subscription = new GraphQLOperationRequest(name, document, writer =>
            {
                writer.WriteStartArray("ids");
                foreach (var id in ids)
                    writer.WriteStringValue(id);
                writer.WriteEndArray();
                if (since is { } number)
                    writer.WriteNumber("since", number);
            }) { DocumentId = documentId };
            await foreach (var change in changes.SubscribeAsync(subscription, data => new ChangeSeen(), cancellationToken).ConfigureAwait(false))
            {
                if (change.Errors.Count > 0)
                    throw new GraphQLClientException(change.Errors);
                return;
            }
            // Completed by the server without a change: nothing more will come on this one.
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
    }

    private static LatestRevision ReadLatest(JsonElement data) =>
        new(data.TryGetProperty("latestRevision", out var revision) && revision.ValueKind == JsonValueKind.Object
            ? revision.GetProperty("number").GetInt32()
            : null);

    /// <summary>Every string under a property named <c>id</c>: the global ids of what the result shows.</summary>
    private static void CollectIds(JsonElement element, HashSet<string> ids)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "id" && property.Value.ValueKind == JsonValueKind.String)
                        ids.Add(property.Value.GetString()!);
                    else
                        CollectIds(property.Value, ids);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    CollectIds(item, ids);
                break;
        }
    }

    /// <summary>The type a global id names (base64 of "Type:key"), or null when it is not one.</summary>
    private static string? TypeOf(string id)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(id));
            var colon = text.IndexOf(':');
            return colon > 0 ? text[..colon] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record LatestRevision(int? Number);

    private sealed class ChangeSeen;

    private sealed class Stopper(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            try { stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }
    }
}
