using Npgsql;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Storage.Postgres;
using SmartCityGraph.GraphQL.Subscriptions;

namespace SmartCityGraph.Server.Live;

/// <summary>
/// On PostgreSQL every instance hears every commit: the write path's commit wakes this instance's change bus and
/// sends <c>NOTIFY smartcitygraph_revisions</c> with the last revision number as payload; each instance's
/// <see cref="PostgresChangeListener"/> wakes its own bus, which reads the new revisions itself (the payload is only
/// a hint). A lost notification costs latency, not changes: the bus also polls the history.
/// </summary>
public sealed class PostgresChangeNotifier(ChangeBus<GraphChange> bus, PostgresDataSources sources, ILogger<PostgresChangeNotifier> logger) : IChangeNotifier
{
    public const string Channel = "smartcitygraph_revisions";

    public void Committed(IReadOnlyList<int> revisionNumbers)
    {
        bus.Notify();
        if (revisionNumbers.Count == 0) return;
        var payload = revisionNumbers[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Off the writer's thread: the commit is done, and the others only need a wake-up.
        _ = Task.Run(async () =>
        {
            try
            {
                await using var command = sources.Primary.CreateCommand("SELECT pg_notify(@channel, @payload)");
                command.Parameters.AddWithValue("channel", Channel);
                command.Parameters.AddWithValue("payload", payload);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not notify the other instances of revision {Revision}; their poll will find it.", payload);
            }
        });
    }
}

/// <summary>LISTENs on one dedicated connection and wakes the change bus on every notification (reconnecting after a failure).</summary>
public sealed class PostgresChangeListener(ChangeBus<GraphChange> bus, PostgresDataSources sources, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await sources.Primary.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => bus.Notify();
                await using (var listen = new NpgsqlCommand("LISTEN " + PostgresChangeNotifier.Channel, connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                bus.Notify(); // whatever was committed while this instance was not listening
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The LISTEN connection for live updates failed; reconnecting.");
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }
}
