using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Hosting;

/// <summary>Where the database file and the seed live when configuration does not say.</summary>
public static class StoragePaths
{
    /// <summary>The repository root when running from a clone (found by its solution file), else null.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SmartCityGraph.sln"))) return dir.FullName;
        return null;
    }

    /// <summary><c>Seed:Path</c>, else the repository's seed/, else the copy beside the built server.</summary>
    public static string SeedDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Seed:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : RepositoryRoot(environment.ContentRootPath) is { } root
                ? Path.Combine(root, "seed")
                : Path.Combine(AppContext.BaseDirectory, "seed");

    /// <summary>
    /// <c>Database:Provider</c> with <c>ConnectionStrings:SmartCity</c> (required for Postgres) and the optional read
    /// replica's <c>ConnectionStrings:SmartCityRead</c>.
    /// </summary>
    public static StorageOptions Storage(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = StorageOptions.ParseProvider(configuration["Database:Provider"]);
        var read = configuration.GetConnectionString("SmartCityRead") is { Length: > 0 } replica ? replica : null;
        if (provider == DatabaseProvider.Postgres && configuration.GetConnectionString("SmartCity") is not { Length: > 0 })
            throw new InvalidOperationException(
                "Database:Provider is Postgres, but ConnectionStrings:SmartCity is not set; give it an Npgsql connection string, "
                + "e.g. ConnectionStrings__SmartCity=\"Host=127.0.0.1;Port=5432;Database=smartcity;Username=smartcity\".");
        return new StorageOptions(provider, ConnectionString(configuration, environment), read);
    }

    /// <summary><c>ConnectionStrings:SmartCity</c>, else a SQLite file in the data directory (created if missing).</summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetConnectionString("SmartCity") is { Length: > 0 } configured) return configured;
        return $"Data Source={Path.Combine(DataDirectory(configuration, environment), "smartcity.db")}";
    }

    /// <summary><c>Storage:DataDirectory</c>, else <c>data/</c> in the clone or beside the built server (created if missing).</summary>
    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var dataDirectory = configuration["Storage:DataDirectory"] is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepositoryRoot(environment.ContentRootPath) ?? AppContext.BaseDirectory, "data");
        Directory.CreateDirectory(dataDirectory);
        return dataDirectory;
    }
}
