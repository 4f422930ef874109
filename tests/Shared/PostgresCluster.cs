using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SmartCityGraph.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests of one test assembly: <c>initdb</c> into a temporary folder,
/// <c>pg_ctl start</c> on a random free loopback port (never 55432), durability off (it is thrown away), stopped and
/// removed when the test process exits; a cluster left behind by a test process that died is removed by the next run.
/// Each test class gets its own database, cloned from a template (<see cref="CreateDatabase"/>), which takes
/// milliseconds instead of migrating anew. As root (CI), the server runs as the unprivileged <c>postgres</c>
/// user that Debian's package creates, since PostgreSQL refuses to run as root.
/// </summary>
/// <remarks>
/// PostgreSQL's programs are found in <c>SMARTCITY_PG_BIN</c>, else under <c>/usr/lib/postgresql/*/bin</c> (newest).
/// Without them the PostgreSQL tests are skipped — except with <c>CI=true</c>, where they fail.
/// </remarks>
internal sealed class PostgresCluster
{
    private const string FolderPrefix = "smartcitygraph-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly Lazy<PostgresCluster?> Shared = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? unavailable;
    private static int databases;

    private readonly string binDirectory;
    private readonly string folder;
    private readonly string? runAs;

    private PostgresCluster(string binDirectory, string folder, string? runAs, int port)
    {
        this.binDirectory = binDirectory;
        this.folder = folder;
        this.runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The superuser's connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres", string user = "smartcity") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = user, Pooling = true }.ToString();

    /// <summary>The cluster, started on first use; skips (or on CI fails) the calling test when PostgreSQL is not installed.</summary>
    public static PostgresCluster Instance => Shared.Value ?? throw Unavailable();

    /// <summary>True when PostgreSQL's programs are there (the cluster starts on first use).</summary>
    public static bool IsInstalled => FindBinDirectory() is not null;

    /// <summary>A new, empty database (or a copy of <paramref name="template"/>); returns its connection string.</summary>
    public string CreateDatabase(string? template = null)
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref databases)}";
        Execute($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        return ConnectionString(name);
    }

    /// <summary>Runs one statement in the maintenance database, without pooling (so no session lingers in a template).</summary>
    public void Execute(string sql, string database = "postgres")
    {
        using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static Exception Unavailable()
    {
        var reason = unavailable ?? "PostgreSQL is not available.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            return new InvalidOperationException($"{reason} CI runs every PostgreSQL test: install the 'postgresql' package (.ci/run does).");
        return new Xunit.SkipException($"{reason} Install the 'postgresql' package to run the PostgreSQL tests (CI=true makes this a failure).");
    }

    private static PostgresCluster? StartShared()
    {
        RemoveAbandonedClusters();
        var bin = FindBinDirectory();
        if (bin is null)
        {
            unavailable = "No PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or in SMARTCITY_PG_BIN.";
            return null;
        }
        var runAs = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" ? "postgres" : null;
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString());
        if (runAs is not null) Run("chown", ["-R", runAs, folder]);

        var cluster = new PostgresCluster(bin, folder, runAs, FreePort());
        try
        {
            cluster.Start();
        }
        catch
        {
            cluster.Remove();
            throw;
        }
        // The test host may be torn down right after this handler starts, so the stop and the removal run in a
        // detached shell of their own, which finishes whatever happens to this process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.RemoveDetached();
        return cluster;
    }

    private void Start()
    {
        var data = Path.Combine(folder, "data");
        RunPostgres("initdb", ["-D", data, "-U", "smartcity", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        // Thrown away afterwards: no durability, and a socket in our own folder (not /var/run/postgresql).
        var settings = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={folder} -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB";
        RunPostgres("pg_ctl", ["-D", data, "-o", settings, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"]);
    }

    private void RemoveDetached()
    {
        var pgCtl = $"{Path.Combine(binDirectory, "pg_ctl")} -D '{Path.Combine(folder, "data")}' -m immediate -w stop";
        var stop = runAs is null ? pgCtl : $"runuser -u {runAs} -- {pgCtl}";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "sh", "-c", $"{stop} >/dev/null 2>&1; rm -rf '{folder}'" }) start.ArgumentList.Add(argument);
        try { Process.Start(start)?.WaitForExit(10_000); }
        catch (System.ComponentModel.Win32Exception) { Remove(); } // no setsid: do it here
    }

    private void Remove()
    {
        try
        {
            if (Directory.Exists(Path.Combine(folder, "data")))
                RunPostgres("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], check: false);
        }
        finally
        {
            // The server may still be writing its last files for a moment after pg_ctl returns.
            for (var attempt = 0; attempt < 10 && Directory.Exists(folder); attempt++)
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Thread.Sleep(200); }
            }
        }
    }

    /// <summary>Clusters whose test process is gone (killed before it could clean up): stopped and removed.</summary>
    private static void RemoveAbandonedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || IsRunning(pid)) continue;
            var bin = FindBinDirectory();
            var runAs = Environment.UserName == "root" ? "postgres" : null;
            if (bin is not null) new PostgresCluster(bin, folder, runAs, 0).Remove();
        }
    }

    private static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private void RunPostgres(string program, string[] arguments, bool check = true)
    {
        var path = Path.Combine(binDirectory, program);
        if (runAs is null) Run(path, arguments, check);
        else Run("runuser", ["-u", runAs, "--", path, .. arguments], check);
    }

    private static void Run(string program, string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("SMARTCITY_PG_BIN") is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.EnumerateDirectories(root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    /// <summary>A free loopback port from the ephemeral range, never 55432 (kept for other tools on this machine).</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port != 55432) return port;
        }
    }
}
