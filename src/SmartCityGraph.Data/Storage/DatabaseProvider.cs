namespace SmartCityGraph.Data.Storage;

/// <summary>The database engines the graph can live on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL: the scale-out path (read replicas, several server instances).</summary>
    Postgres,
}

/// <summary>
/// Where the graph is stored: the engine, the primary's connection string and, optionally, a read
/// replica's (<c>ConnectionStrings:SmartCityRead</c>) that read-only work may use instead.
/// </summary>
public sealed record StorageOptions(DatabaseProvider Provider, string ConnectionString, string? ReadConnectionString = null)
{
    /// <summary>The configured provider name ("Sqlite" or "Postgres", any case; "PostgreSQL" and "Npgsql" too).</summary>
    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{name}' is not known; use 'Sqlite' (the default) or 'Postgres'."),
    };
}
