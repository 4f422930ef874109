using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Hosting;

/// <summary>
/// A restart on a SQLite database with nothing to migrate or seed runs no statement through EF Core before it serves
/// (three plain statements decide that), builds EF Core's query pipeline once it has answered, and loads no data
/// protection key ring (nothing here uses one).
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcitygraph-restart").FullName;

    [Fact]
    public async Task A_restart_with_nothing_to_prepare_runs_no_EF_Core_statement_before_its_first_answer()
    {
        await using (var first = new RestartingServer(_dataDirectory))
        {
            _ = first.Services; // the first start migrates and seeds
            Assert.NotEmpty(first.Sql.Statements);
        }

        await using var restarted = new RestartingServer(_dataDirectory);
        _ = restarted.Services;
        Assert.Empty(restarted.Sql.Statements);
        Assert.DoesNotContain(restarted.Services.GetServices<IHostedService>(), service => service.GetType().Name == "DataProtectionHostedService");

        var answer = (await restarted.CreateClient().PostGraphQLAsync("{ events(first: 1) { nodes { id title } } }")).AssertNoErrors();
        Assert.Single(answer.Data["events"]!["nodes"]!.AsArray());

        // After the first answer (itself a prepared read), one query through EF Core builds its pipeline in the background.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!restarted.Sql.Statements.Any(IsTheWarmUp) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Contains(restarted.Sql.Statements, IsTheWarmUp);
    }

    private static bool IsTheWarmUp(string sql) => sql.Contains("EXISTS", StringComparison.Ordinal) && sql.Contains("\"Entities\"", StringComparison.Ordinal);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>The server on a given data directory, keeping every statement it runs (EF Core's and the prepared reads').</summary>
    private sealed class RestartingServer(string dataDirectory) : ServerFactory
    {
        public SqlLog Sql { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.ConfigureLogging(logging => logging.AddProvider(Sql).AddFilter<SqlLog>(SqlLog.Category, LogLevel.Debug));
            builder.ConfigureServices(services => services.AddSingleton<ISqlStatementListener>(Sql));
        }
    }
}
