using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Tests.Http;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

/// <summary>The toy schema's subscription root: one field per behaviour the streaming transports must handle.</summary>
public sealed class ToySubscription : ObjectGraphType
{
    public ToySubscription()
    {
        Name = "Subscription";
        Field<NonNullGraphType<IntGraphType>, int>("counter")
            .Description("Counts from 1 to `to`, one number every `everyMilliseconds`, then completes.")
            .Argument<NonNullGraphType<IntGraphType>>("to")
            .Argument<IntGraphType>("everyMilliseconds", a => a.DefaultValue = 5)
            .ResolveStream(context => new CountingObservable(context.GetArgument<int>("to"), context.GetArgument<int>("everyMilliseconds")));
        Field<NonNullGraphType<ToyMessageType>, ToyMessage>("messages")
            .Description("Every message published to the ToyMessageBus from now on; never completes.")
            .ResolveStream(context => context.RequestServices!.GetRequiredService<ToyMessageBus>());
        Field<StringGraphType, string>("failing")
            .Description("One event, then the stream fails with an exception whose text must not reach the client.")
            .ResolveStream(_ => new FailingObservable());
        Field<StringGraphType, string>("refused")
            .Description("The stream resolver refuses on purpose.")
            .ResolveStream(_ => throw GraphQLRequestException.InvalidInput("Not today."));
    }
}

/// <summary>A message of the bus; <c>nested</c> repeats it one level deeper (to reach depth limits).</summary>
public sealed record ToyMessage(string Text, int Delay = 0);

public sealed class ToyMessageType : ObjectGraphType<ToyMessage>
{
    public ToyMessageType()
    {
        Name = "Message";
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(context => context.Source.Text);
        Field<NonNullGraphType<StringGraphType>>("scope")
            .Description("Which service scope resolved this event: each event must get its own.")
            .Resolve(context => context.RequestServices!.GetRequiredService<ToyScopeMarker>().Id);
        Field<StringGraphType>("slow")
            .Description("Waits the message's delay (observing cancellation), to run into the execution timeout.")
            .ResolveAsync(async context =>
            {
                await Task.Delay(context.Source.Delay, context.CancellationToken);
                return "done";
            });
        Field<ToyMessageType>("nested").Resolve(context => context.Source);
    }
}

/// <summary>A scoped service with an id, to tell scopes apart.</summary>
public sealed class ToyScopeMarker
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>A hot stream the tests publish into; counts its subscribers so tests can see unsubscription.</summary>
public sealed class ToyMessageBus : IObservable<ToyMessage>
{
    private readonly List<IObserver<ToyMessage>> _observers = [];

    public int SubscriberCount
    {
        get { lock (_observers) return _observers.Count; }
    }

    public void Publish(ToyMessage message)
    {
        IObserver<ToyMessage>[] observers;
        lock (_observers) observers = [.. _observers];
        foreach (var observer in observers)
            observer.OnNext(message);
    }

    public IDisposable Subscribe(IObserver<ToyMessage> observer)
    {
        lock (_observers) _observers.Add(observer);
        return new Unsubscriber(() => { lock (_observers) _observers.Remove(observer); });
    }

    /// <summary>Waits until <see cref="SubscriberCount"/> is <paramref name="count"/> (subscription is asynchronous).</summary>
    public async Task WaitForSubscribersAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (SubscriberCount != count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Expected {count} subscribers, have {SubscriberCount}.");
            await Task.Delay(10);
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}

internal sealed class CountingObservable(int to, int everyMilliseconds) : IObservable<int>
{
    public IDisposable Subscribe(IObserver<int> observer)
    {
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                for (var i = 1; i <= to; i++)
                {
                    await Task.Delay(everyMilliseconds, stop.Token);
                    observer.OnNext(i);
                }
                observer.OnCompleted();
            }
            catch (OperationCanceledException)
            {
                // unsubscribed
            }
        });
        return stop;
    }
}

internal sealed class FailingObservable : IObservable<string>
{
    public IDisposable Subscribe(IObserver<string> observer)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(5);
            observer.OnNext("first");
            await Task.Delay(5);
            observer.OnError(new InvalidOperationException(ToySchema.SecretExceptionText));
        });
        return new CancellationTokenSource();
    }
}
