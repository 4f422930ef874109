using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Hosting;
using SmartCityGraph.Server.Tests.Telemetry;

namespace SmartCityGraph.Server.Tests.Hosting;

/// <summary>Start-up builds the metrics' provider, the model's row readers and the bearer scheme's options ahead; a failure there never stops the server.</summary>
public sealed class StartupSingletonsTests
{
    [Fact]
    public void Building_ahead_creates_the_singletons_before_anyone_asks_for_them()
    {
        var built = new List<string>();
        var services = new ServiceCollection()
            .AddSingleton(_ => { built.Add("metrics"); return Sdk.CreateMeterProviderBuilder().Build(); })
            .AddSingleton(_ => { built.Add("rows"); return ModelRowsForTests(); })
            .BuildServiceProvider();

        StartupSingletons.Build(services, NullLogger.Instance);
        Assert.Equal(["metrics", "rows"], built);

        _ = services.GetRequiredService<MeterProvider>();
        _ = services.GetRequiredService<ModelRows>();
        Assert.Equal(["metrics", "rows"], built); // the container hands out the ones built ahead
    }

    [Fact]
    public void Building_ahead_creates_the_bearer_schemes_options_that_every_request_would_otherwise_wait_for()
    {
        var configured = 0;
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(_ => configured++);
        using var provider = services.BuildServiceProvider();

        StartupSingletons.Build(provider, NullLogger.Instance);
        Assert.Equal(1, configured);

        _ = provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal(1, configured); // the options cache hands out the ones built ahead
    }

    [Fact]
    public void A_singleton_that_fails_to_build_is_logged_left_to_its_first_user_and_does_not_stop_the_others()
    {
        var rowsBuilt = false;
        var services = new ServiceCollection()
            .AddSingleton<MeterProvider>(_ => throw new InvalidOperationException("no metrics today"))
            .AddSingleton(_ => { rowsBuilt = true; return ModelRowsForTests(); })
            .BuildServiceProvider();
        var logs = new TelemetryTests.CapturedLogs();

        StartupSingletons.Build(services, logs.CreateLogger("start-up"));

        Assert.Contains(logs.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains(nameof(MeterProvider), StringComparison.Ordinal));
        Assert.True(rowsBuilt);
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<MeterProvider>());
    }

    private static ModelRows ModelRowsForTests()
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var db = new SmartCityDbContext(options.Options);
        return new ModelRows(db.Model);
    }
}
