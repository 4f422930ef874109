using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// Fans a store's changes out to subscriptions. It is told <em>that</em> changes were committed
/// (<see cref="Notify"/>: by the write path in this process, or by another instance through the database) and
/// reads <em>what</em> changed from the <see cref="IChangeFeed{TChange}"/> itself, after the last change it
/// published — so a burst of notifications costs one read, none is lost, and every subscriber sees the
/// changes once, in number order. A subscription may start from an earlier change number (<c>since</c>):
/// it first replays what it missed from the feed, then continues live without a gap or a repeat.
/// </summary>
public sealed class ChangeBus<TChange>(IChangeFeed<TChange> feed, IOptions<ChangeBusOptions> options, ILogger<ChangeBus<TChange>> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Capacity 1, extra signals dropped: one pending wake-up covers any number of commits.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly object _subscribersGate = new();
    private Subscription[] _subscribers = [];
    private long _published;

    private IChangeFeed<TChange> Feed => feed;
    private ChangeBusOptions Options => options.Value;
    private ILogger Logger => logger;

    /// <summary>Subscriptions currently attached.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>The number of the last change published to subscribers.</summary>
    public long LastPublished => Interlocked.Read(ref _published);

    /// <summary>Changes were committed: the bus reads and publishes them soon (never on the caller's thread).</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// The changes <paramref name="include"/> accepts, from now on or, with <paramref name="since"/>, from the
    /// change after that number. A <paramref name="since"/> more than <see cref="ChangeBusOptions.MaxReplay"/>
    /// changes back ends the stream with an <c>INVALID_INPUT</c> error.
    /// </summary>
    public IObservable<TChange> Changes(long? since, Func<TChange, bool> include) => new ChangeStream(this, since, include);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Interlocked.Exchange(ref _published, await feed.LatestNumberAsync(stoppingToken));
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The change bus could not read the latest change; retrying.");
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        using var poll = new PeriodicTimer(options.Value.PollInterval);
        var polling = PollAsync(poll, stoppingToken);
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await PublishNewChangesAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "The change bus could not read new changes; retrying.");
                    await Task.Delay(RetryDelay, stoppingToken);
                    Notify();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        await polling;
    }

    private async Task PollAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Notify();
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task PublishNewChangesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await feed.ReadAfterAsync(LastPublished, options.Value.BatchSize, cancellationToken);
            foreach (var change in batch)
            {
                var subscribers = Volatile.Read(ref _subscribers);
                foreach (var subscriber in subscribers)
                    subscriber.OnPublished(change);
                Interlocked.Exchange(ref _published, feed.NumberOf(change));
            }
            if (batch.Count < options.Value.BatchSize)
                return;
        }
    }

    private void Attach(Subscription subscription)
    {
        lock (_subscribersGate)
            Volatile.Write(ref _subscribers, [.. _subscribers, subscription]);
    }

    private void Detach(Subscription subscription)
    {
        lock (_subscribersGate)
            Volatile.Write(ref _subscribers, [.. _subscribers.Where(s => s != subscription)]);
    }

    private sealed class ChangeStream(ChangeBus<TChange> bus, long? since, Func<TChange, bool> include) : IObservable<TChange>
    {
        public IDisposable Subscribe(IObserver<TChange> observer)
        {
            var subscription = new Subscription(bus, observer, include, catchingUp: since is not null);
            bus.Attach(subscription); // first, so that nothing committed while the replay is read slips through
            if (since is { } from)
                _ = subscription.CatchUpAsync(from);
            return subscription;
        }
    }

    /// <summary>
    /// One subscriber. While it catches up, published changes wait (at most <see cref="ChangeBusOptions.MaxReplay"/>)
    /// until the replay has been delivered; a change is delivered only if numbered after the last delivered one.
    /// </summary>
    private sealed class Subscription(ChangeBus<TChange> bus, IObserver<TChange> observer, Func<TChange, bool> include, bool catchingUp) : IDisposable
    {
        private readonly object _gate = new();
        private readonly CancellationTokenSource _disposed = new();
        private List<TChange>? _waiting = catchingUp ? [] : null;
        private long _delivered = long.MinValue;
        private bool _ended;

        public void OnPublished(TChange change)
        {
            lock (_gate)
            {
                if (_ended)
                    return;
                if (_waiting is null)
                {
                    Deliver(change);
                    return;
                }
                if (_waiting.Count >= bus.Options.MaxReplay)
                {
                    Fail(TooFarBehind());
                    return;
                }
                _waiting.Add(change);
            }
        }

        public async Task CatchUpAsync(long since)
        {
            var max = bus.Options.MaxReplay;
            IReadOnlyList<TChange> missed;
            try
            {
                missed = await bus.Feed.ReadAfterAsync(since, max + 1, _disposed.Token);
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                bus.Logger.LogError(exception, "A subscription could not read the changes it missed.");
                lock (_gate) Fail(exception);
                return;
            }

            lock (_gate)
            {
                if (_ended)
                    return;
                if (missed.Count > max)
                {
                    Fail(TooFarBehind(since));
                    return;
                }
                _delivered = since;
                foreach (var change in missed)
                    Deliver(change);
                foreach (var change in _waiting!)
                    Deliver(change);
                _waiting = null;
            }
        }

        private void Deliver(TChange change)
        {
            var number = bus.Feed.NumberOf(change);
            if (number <= _delivered)
                return; // replayed already
            _delivered = number;
            bool included;
            try
            {
                included = include(change);
            }
            catch (Exception exception)
            {
                Fail(exception);
                return;
            }
            if (included)
                observer.OnNext(change);
        }

        private GraphQLRequestException TooFarBehind(long? since = null) => new(ErrorCodes.InvalidInput,
            $"{(since is null ? "This subscription" : $"since: {since}")} is more than {bus.Options.MaxReplay} changes behind; " +
            "read the change feed first, then subscribe with since: the last change read.");

        private void Fail(Exception error)
        {
            _ended = true;
            bus.Detach(this);
            observer.OnError(error);
        }

        public void Dispose()
        {
            lock (_gate)
                _ended = true;
            bus.Detach(this);
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }
}

public static class ChangeBusServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="ChangeBus{TChange}"/> over <typeparamref name="TFeed"/>, running as a hosted service.</summary>
    public static IServiceCollection AddChangeBus<TChange, TFeed>(this IServiceCollection services, Action<ChangeBusOptions>? configure = null)
        where TFeed : class, IChangeFeed<TChange>
    {
        var optionsBuilder = services.AddOptions<ChangeBusOptions>();
        if (configure is not null)
            optionsBuilder.Configure(configure);
        services.AddSingleton<IChangeFeed<TChange>, TFeed>();
        services.AddSingleton<ChangeBus<TChange>>();
        services.AddHostedService(provider => provider.GetRequiredService<ChangeBus<TChange>>());
        return services;
    }
}
