using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// A seeded server that keeps the text of every SQL statement EF Core runs (read-only tests only). Its seed is the
/// repository's with one event cancelled: the seed records none, and a stored value that never differs from a new
/// object's default could not show that a projection forgot to load it.
/// </summary>
public abstract class SqlLoggingServer(DatabaseProvider provider) : IAsyncLifetime
{
    private HttpClient? http;
    private Exception? unavailable;

    public SqlLoggingFactory Factory { get; } = new(provider);

    /// <summary>The client; skips the test (or fails it on CI) when its engine is not installed.</summary>
    public HttpClient Http => http ?? throw unavailable ?? new InvalidOperationException("The server has not started.");

    /// <summary>The statements run since the last <see cref="SqlLog.Clear"/>.</summary>
    public SqlLog Sql => Factory.Sql;

    public Task InitializeAsync()
    {
        try { http = Factory.CreateClient(); }
        catch (Xunit.SkipException e) { unavailable = e; }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SqlLoggingSqliteServer() : SqlLoggingServer(DatabaseProvider.Sqlite);

public sealed class SqlLoggingPostgresServer() : SqlLoggingServer(DatabaseProvider.Postgres);

public sealed class SqlLoggingFactory(DatabaseProvider provider) : ServerFactory(provider)
{
    public SqlLog Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Path", SeedWithACancelledEvent());
        builder.ConfigureLogging(logging => logging
            .AddProvider(Sql)
            .AddFilter<SqlLog>(SqlLog.Category, LogLevel.Information));
    }

    private string SeedWithACancelledEvent()
    {
        var original = Path.Combine(StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "seed");
        var copy = Directory.CreateDirectory(Path.Combine(DataDirectory, "seed")).FullName;
        foreach (var file in Directory.EnumerateFiles(original)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var events = Path.Combine(copy, "events.json");
        var text = File.ReadAllText(events);
        const string notCancelled = "\"cancelled\": false";
        var first = text.IndexOf(notCancelled, StringComparison.Ordinal);
        File.WriteAllText(events, text[..first] + "\"cancelled\": true" + text[(first + notCancelled.Length)..]);
        return copy;
    }
}

/// <summary>Collects EF Core's "executed command" log entries, whose text ends with the statement.</summary>
public sealed class SqlLog : ILoggerProvider
{
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";
    private const int CommandExecuted = 20101; // RelationalEventId.CommandExecuted

    private readonly ConcurrentQueue<string> _statements = new();

    public IReadOnlyList<string> Statements => [.. _statements];

    public void Clear() => _statements.Clear();

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(SqlLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != CommandExecuted) return;
            var message = formatter(state, exception);
            // "Executed DbCommand (1ms) [Parameters=…], CommandType='Text', CommandTimeout='30'" then the statement.
            log._statements.Enqueue(message[(message.IndexOf('\n') + 1)..]);
        }
    }
}
