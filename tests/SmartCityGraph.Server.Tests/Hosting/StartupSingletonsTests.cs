using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Tests.Hosting;

/// <summary>Start-up builds the metrics' provider and the model's row readers ahead; a failure there never stops the server.</summary>
public sealed class StartupSingletonsTests
{
    [Fact]
    public void Building_ahead_creates_the_singletons_the_container_then_hands_out()
    {
        var built = new List<string>();
        var services = new ServiceCollection()
            .AddSingleton(_ => { built.Add("metrics"); return Sdk.CreateMeterProviderBuilder().Build(); })
            .AddSingleton(_ => { built.Add("rows"); return ModelRowsForTests(); })
            .BuildServiceProvider();

        StartupSingletons.Build(services, NullLogger.Instance);
        _ = services.GetRequiredService<MeterProvider>();
        _ = services.GetRequiredService<ModelRows>();

        Assert.Equal(["metrics", "rows"], built);
    }

    [Fact]
    public void A_singleton_that_fails_to_build_is_logged_and_left_to_its_first_user()
    {
        var services = new ServiceCollection()
            .AddSingleton<MeterProvider>(_ => throw new InvalidOperationException("no metrics today"))
            .BuildServiceProvider();
        var logger = new ListLogger();

        StartupSingletons.Build(services, logger);

        Assert.Contains(logger.Warnings, w => w.Contains("no metrics today", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<MeterProvider>());
    }

    private static ModelRows ModelRowsForTests()
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var db = new SmartCityDbContext(options.Options);
        return new ModelRows(db.Model);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception) + " " + exception?.Message);
        }
    }
}
