using System.Net;
using Microsoft.AspNetCore.Hosting;
using SmartCityGraph.Server.Export;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>
/// <c>Limits:Exports</c>: a whole-graph export is outside the GraphQL cost budget, so only a few are written at once,
/// a few more wait their turn, and the rest are refused with 429 and <c>Retry-After</c>. The tests hold the server's own
/// limiter to make the server busy, so no timing is involved.
/// </summary>
public sealed class ExportLimitTests
{
    [Fact]
    public async Task When_every_turn_is_taken_and_nobody_may_wait_an_export_is_refused_with_429_and_Retry_After()
    {
        using var factory = new LimitFactory(concurrent: 1, queue: 0);
        var http = factory.CreateClient();
        var limiter = factory.Services.GetRequiredService<ExportLimiter>();

        using (var busy = await limiter.AcquireAsync(CancellationToken.None))
        {
            Assert.True(busy.IsAcquired);
            using var refused = await http.GetAsync("/export/kb.json");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("Too many exports at once", await refused.Content.ReadAsStringAsync());
        }

        using var served = await http.GetAsync("/export/kb.json");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_waiting_export_is_served_when_a_turn_comes_free()
    {
        using var factory = new LimitFactory(concurrent: 1, queue: 1);
        var http = factory.CreateClient();
        var limiter = factory.Services.GetRequiredService<ExportLimiter>();

        var busy = await limiter.AcquireAsync(CancellationToken.None);
        var waiting = http.GetAsync("/export/events.ics");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted); // it waits in the queue rather than being refused
        busy.Dispose();

        using var served = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_export_name_is_404_without_taking_a_turn()
    {
        using var factory = new LimitFactory(concurrent: 1, queue: 0);
        var http = factory.CreateClient();
        using var busy = await factory.Services.GetRequiredService<ExportLimiter>().AcquireAsync(CancellationToken.None);

        using var response = await http.GetAsync("/export/nothing.txt");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    public void A_limit_that_could_never_serve_or_queue_is_refused_at_start(int concurrent, int queue) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExportLimiter(new ExportLimitOptions { Concurrent = concurrent, Queue = queue }));

    private sealed class LimitFactory(int concurrent, int queue) : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Limits:Exports:Concurrent", concurrent.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Limits:Exports:Queue", queue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
