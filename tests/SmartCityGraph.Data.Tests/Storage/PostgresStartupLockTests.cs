using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Postgres;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>Instances starting together on one PostgreSQL database take turns, however long the first one's turn takes.</summary>
public sealed class PostgresStartupLockTests
{
    [SkippableFact]
    public async Task An_instance_waits_for_the_start_up_lock_past_a_commands_time_limit()
    {
        // Regression: the wait was an ordinary command, so an instance whose peer seeded for longer than the command
        // time limit (30 s by default; 1 s here) failed to start.
        var connectionString = new NpgsqlConnectionStringBuilder(SmartCityGraph.Testing.PostgresCluster.Instance.CreateDatabase()) { CommandTimeout = 1 }.ToString();
        await using var holderContext = Context(connectionString);
        await using var waiterContext = Context(connectionString);

        var holder = await PostgresStartupLock.AcquireAsync(holderContext);
        var waiter = PostgresStartupLock.AcquireAsync(waiterContext);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(waiter.IsCompleted); // still waiting, not failed

        await holder.DisposeAsync();
        await using var turn = await waiter.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static SmartCityDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Postgres, connectionString);
        return new SmartCityDbContext(options.Options);
    }
}
