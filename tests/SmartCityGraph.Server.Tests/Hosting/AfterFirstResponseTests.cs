using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Tests.Hosting;

/// <summary>Work left for after the first answer starts once, when that answer is done, whatever the answer was.</summary>
public sealed class AfterFirstResponseTests
{
    [Fact]
    public async Task The_work_starts_once_after_the_first_response_and_not_before_it()
    {
        var runs = 0;
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runsDuringTheFirstResponse = -1;
        var pipeline = Pipeline(() =>
        {
            Interlocked.Increment(ref runs);
            ran.TrySetResult();
            return Task.CompletedTask;
        }, _ =>
        {
            if (runsDuringTheFirstResponse < 0) runsDuringTheFirstResponse = Volatile.Read(ref runs);
            return Task.CompletedTask;
        });

        await pipeline(new DefaultHttpContext());
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, runsDuringTheFirstResponse);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => pipeline(new DefaultHttpContext()))));
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task A_first_request_that_fails_still_starts_the_work()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = Pipeline(() => { ran.TrySetResult(); return Task.CompletedTask; }, _ => throw new InvalidOperationException("broken"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline(new DefaultHttpContext()));

        await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_work_does_not_inherit_the_first_requests_async_state()
    {
        string? seen = "not run";
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = Pipeline(() => { seen = RequestState.Value; ran.TrySetResult(); return Task.CompletedTask; }, _ => Task.CompletedTask);

        RequestState.Value = "the first request's";
        await pipeline(new DefaultHttpContext());

        await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(seen); // as HttpContextAccessor's context and the request's Activity would not be
    }

    private static readonly AsyncLocal<string?> RequestState = new();

    private static RequestDelegate Pipeline(Func<Task> work, RequestDelegate endpoint)
    {
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        app.RunAfterFirstResponse(work);
        app.Run(endpoint);
        return app.Build();
    }
}
