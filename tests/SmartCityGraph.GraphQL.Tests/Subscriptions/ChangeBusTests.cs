using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Subscriptions;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

public sealed class ChangeBusTests : IAsyncLifetime
{
    private readonly FakeFeed _feed = new();
    private ChangeBus<FakeChange> _bus = null!;

    public async Task InitializeAsync()
    {
        _feed.Commit("before-start");
        _bus = Start(new ChangeBusOptions { MaxReplay = 5, BatchSize = 2, PollInterval = TimeSpan.FromMinutes(5) });
        await WaitUntilAsync(() => _bus.LastPublished == 1);
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync(CancellationToken.None);
        _bus.Dispose();
    }

    [Fact]
    public async Task A_live_subscriber_gets_what_is_committed_after_it_subscribed_in_order_and_filtered()
    {
        var events = new Recorder();
        using var _ = _bus.Changes(since: null, change => change.Kind != "skip").Subscribe(events);

        _feed.Commit("a");
        _feed.Commit("skip");
        _feed.Commit("b");
        _bus.Notify();
        _feed.Commit("c"); // more than a batch: read in several statements
        _feed.Commit("d");
        _bus.Notify();

        Assert.Equal(["2 a", "4 b", "5 c", "6 d"], await events.TakeAsync(4));
    }

    [Fact]
    public async Task Since_replays_what_was_missed_then_continues_live_without_gap_or_repeat()
    {
        _feed.Commit("missed-1");     // 2
        _feed.Commit("missed-2");     // 3
        _bus.Notify();
        await WaitUntilAsync(() => _bus.LastPublished == 3);
        var release = _feed.HoldNextRead(); // the replay's read waits while more is committed and published
        var events = new Recorder();
        using var _ = _bus.Changes(since: 1, _ => true).Subscribe(events);
        await _feed.ReadStarted;
        _feed.Commit("during-replay"); // 4: published live while the replay is still being read
        _bus.Notify();
        await WaitUntilAsync(() => _bus.LastPublished == 4);
        release();
        _feed.Commit("after");         // 5
        _bus.Notify();

        Assert.Equal(["2 missed-1", "3 missed-2", "4 during-replay", "5 after"], await events.TakeAsync(4));
        await events.ExpectNothingMoreAsync();
    }

    [Fact]
    public async Task Since_further_back_than_the_replay_allows_ends_with_INVALID_INPUT()
    {
        for (var i = 0; i < 6; i++)
            _feed.Commit("old");
        var events = new Recorder();
        using var _ = _bus.Changes(since: 0, _ => true).Subscribe(events);

        var error = await events.ErrorAsync();

        Assert.Equal(ErrorCodes.InvalidInput, Assert.IsType<GraphQLRequestException>(error).Code);
        Assert.Equal(0, _bus.SubscriberCount);
    }

    [Fact]
    public async Task Disposing_detaches_the_subscriber()
    {
        var events = new Recorder();
        var subscription = _bus.Changes(null, _ => true).Subscribe(events);
        Assert.Equal(1, _bus.SubscriberCount);

        subscription.Dispose();
        _feed.Commit("unseen");
        _bus.Notify();
        await WaitUntilAsync(() => _bus.LastPublished == 2);

        Assert.Equal(0, _bus.SubscriberCount);
        await events.ExpectNothingMoreAsync();
    }

    [Fact]
    public async Task Polling_finds_changes_nobody_notified_and_a_failing_read_is_retried()
    {
        var bus = Start(new ChangeBusOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        try
        {
            await WaitUntilAsync(() => bus.LastPublished == 1);
            var events = new Recorder();
            using var _ = bus.Changes(null, _ => true).Subscribe(events);
            _feed.FailNextRead();
            _feed.Commit("unannounced");

            Assert.Equal(["2 unannounced"], await events.TakeAsync(1));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
            bus.Dispose();
        }
    }

    private ChangeBus<FakeChange> Start(ChangeBusOptions options)
    {
        var bus = new ChangeBus<FakeChange>(_feed, Options.Create(options), NullLogger<ChangeBus<FakeChange>>.Instance);
        bus.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return bus;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 10 s.");
            await Task.Delay(5);
        }
    }

    public sealed record FakeChange(long Number, string Kind);

    /// <summary>An in-memory change feed; a read can be held back or made to fail once.</summary>
    private sealed class FakeFeed : IChangeFeed<FakeChange>
    {
        private readonly List<FakeChange> _changes = [];
        private TaskCompletionSource? _hold;
        private TaskCompletionSource _readStarted = new();
        private bool _failNext;

        public Task ReadStarted => _readStarted.Task;

        public void Commit(string kind)
        {
            lock (_changes) _changes.Add(new FakeChange(_changes.Count + 1, kind));
        }

        public Action HoldNextRead()
        {
            var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _readStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _hold = hold;
            return () => hold.SetResult();
        }

        public void FailNextRead() => _failNext = true;

        public Task<long> LatestNumberAsync(CancellationToken cancellationToken)
        {
            lock (_changes) return Task.FromResult((long)_changes.Count);
        }

        public async Task<IReadOnlyList<FakeChange>> ReadAfterAsync(long after, int max, CancellationToken cancellationToken)
        {
            if (_failNext)
            {
                _failNext = false;
                throw new InvalidOperationException("the database is away");
            }
            List<FakeChange> read;
            lock (_changes) read = [.. _changes.Where(c => c.Number > after).Take(max)];
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                _readStarted.SetResult();
                await hold.Task;
            }
            return read;
        }

        public long NumberOf(FakeChange change) => change.Number;
    }

    private sealed class Recorder : IObserver<FakeChange>
    {
        private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
        private readonly TaskCompletionSource<Exception> _error = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnNext(FakeChange value) => _events.Writer.TryWrite($"{value.Number} {value.Kind}");
        public void OnError(Exception error) => _error.TrySetResult(error);
        public void OnCompleted() { }

        public async Task<List<string>> TakeAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var taken = new List<string>();
            while (taken.Count < count)
                taken.Add(await _events.Reader.ReadAsync(timeout.Token));
            return taken;
        }

        public Task<Exception> ErrorAsync() => _error.Task.WaitAsync(TimeSpan.FromSeconds(10));

        public async Task ExpectNothingMoreAsync()
        {
            await Task.Delay(100);
            Assert.False(_events.Reader.TryRead(out var extra), $"Unexpected event {extra}");
        }
    }
}
