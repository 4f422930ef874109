using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Seeding;

public sealed record ImportResult(bool Imported, int Entities, int Relations);

/// <summary>Loads a checked seed into the database in one transaction: all of it or nothing.</summary>
public sealed class SeedImporter(SmartCityDbContext db, ILogger<SeedImporter> logger)
{
    /// <summary>
    /// Imports only into an empty database, so a restart never duplicates a record — nor do several server
    /// instances starting together on one PostgreSQL database: the check and the import hold a transaction-scoped
    /// advisory lock, so the first instance seeds and the others find the data there.
    /// </summary>
    public async Task<ImportResult> ImportIfEmptyAsync(string directory, CancellationToken ct = default)
    {
        if (await db.Entities.AnyAsync(ct)) return new ImportResult(false, 0, 0);
        var seed = SeedReader.Read(directory); // throws before anything is written
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(5347201)", ct); // "seeding", released at commit
        if (await db.Entities.AnyAsync(ct)) return new ImportResult(false, 0, 0);
        return await ReplaceAsync(seed, directory, transaction, ct);
    }

    /// <summary>Replaces the whole knowledge base with the seed's content.</summary>
    public async Task<ImportResult> ImportAsync(string directory, CancellationToken ct = default)
    {
        var seed = SeedReader.Read(directory); // throws before anything is written
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        return await ReplaceAsync(seed, directory, transaction, ct);
    }

    private async Task<ImportResult> ReplaceAsync(
        SeedData seed, string directory, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken ct)
    {
        await db.Relations.ExecuteDeleteAsync(ct);
        await db.Entities.ExecuteDeleteAsync(ct);
        db.Entities.AddRange(seed.Entities);
        db.Relations.AddRange(seed.Relations);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Imported {Entities} entities and {Relations} relations from {Directory}",
            seed.Entities.Count, seed.Relations.Count, directory);
        return new ImportResult(true, seed.Entities.Count, seed.Relations.Count);
    }
}
