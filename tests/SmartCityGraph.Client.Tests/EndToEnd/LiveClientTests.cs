using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.EndToEnd;

/// <summary>
/// The generated client hears changes: a subscription receives the change a mutation made, and Watch() re-runs its
/// query — an anonymous client, also on a server that runs only trusted documents (its subscriptions and Watch()'s
/// documents go by id).
/// </summary>
public abstract class LiveClientTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : LiveServer
{
    private static readonly SourceInput[] Flyer = [new SourceInput { Title = "Flyer", Url = "https://example.org/flyer" }];

    private async Task<(string Id, int Version)> AnEventAsync(int index)
    {
        var events = (await server.Client.GetEvents.ExecuteAsync(index + 1)).EnsureNoErrors().Events!.Nodes!;
        var node = (await server.Client.GetNode.ExecuteAsync(events[index].Id)).EnsureNoErrors().Node!;
        var version = (await server.Client.GetHistory.ExecuteAsync(node.Id, 1)).EnsureNoErrors().Node;
        return (node.Id, Assert.IsAssignableFrom<IGetHistory_Node_Entity>(version).Version);
    }

    private Task<IOperationResult<IUpdateEventResult>> RenameAsync(string id, int version, string title) =>
        server.EditorClient.UpdateEvent.ExecuteAsync(new UpdateEventInput { Id = id, ExpectedVersion = version, Title = title, Sources = Flyer });

    [Fact]
    public async Task A_subscription_receives_the_change_a_mutation_made_with_its_revision()
    {
        var (id, version) = await AnEventAsync(0);
        var since = (await server.Client.GetLatestRevision.ExecuteAsync()).EnsureNoErrors().LatestRevision!.Number;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var changes = server.Client.OnEntityChanged.SubscribeAsync([id], null, since, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var first = changes.MoveNextAsync();

        (await RenameAsync(id, version, "Renamed through the typed client")).EnsureNoErrors();
        Assert.True(await first);

        var change = changes.Current.EnsureNoErrors().EntityChanged;
        Assert.Equal(RevisionAction.Update, change.Action);
        Assert.Equal(since + 1, change.Revision.Number);
        Assert.Equal("Client Test", change.Revision.Actor);
        Assert.Equal((id, "Renamed through the typed client"), (change.Entity!.Id, change.Entity.Title));
    }

    [Fact]
    public async Task Watch_emits_the_query_result_and_again_after_a_mutation_changes_it()
    {
        var (id, version) = await AnEventAsync(1);
        var results = System.Threading.Channels.Channel.CreateUnbounded<IOperationResult<IGetNodeResult>>();
        using var watch = server.Client.GetNode.Watch(id).Subscribe(new Observer<IOperationResult<IGetNodeResult>>(r => results.Writer.TryWrite(r), e => results.Writer.TryComplete(e)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var before = (await results.Reader.ReadAsync(timeout.Token)).EnsureNoErrors().Node!;
        (await RenameAsync(id, version, "Watched and renamed")).EnsureNoErrors();
        var after = (await results.Reader.ReadAsync(timeout.Token)).EnsureNoErrors().Node!;

        Assert.NotEqual("Watched and renamed", Assert.IsAssignableFrom<IGetNode_Node_Entity>(before).Title);
        Assert.Equal("Watched and renamed", Assert.IsAssignableFrom<IGetNode_Node_Entity>(after).Title);
    }

    private sealed class Observer<T>(Action<T> next, Action<Exception> error) : IObserver<T>
    {
        public void OnNext(T value) => next(value);
        public void OnError(Exception exception) => error(exception);
        public void OnCompleted() { }
    }
}

public sealed class LiveClientTests(LiveServer server) : LiveClientTests<LiveServer>(server);

public sealed class LiveClientTestsOnATrustedDocumentsOnlyServer(TrustedDocumentsServer server) : LiveClientTests<TrustedDocumentsServer>(server);
