using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Seeding;

public sealed record ImportResult(bool Imported, int Entities, int Relations);

/// <summary>Loads a checked seed into the database in one transaction: all of it or nothing.</summary>
public sealed class SeedImporter(SmartCityDbContext db, ILogger<SeedImporter> logger)
{
    /// <summary>Imports only into an empty database, so a restart never duplicates a record.</summary>
    public async Task<ImportResult> ImportIfEmptyAsync(string directory, CancellationToken ct = default)
    {
        if (await db.Entities.AnyAsync(ct)) return new ImportResult(false, 0, 0);
        return await ImportAsync(directory, ct);
    }

    /// <summary>Replaces the whole knowledge base with the seed's content.</summary>
    public async Task<ImportResult> ImportAsync(string directory, CancellationToken ct = default)
    {
        var seed = SeedReader.Read(directory); // throws before anything is written
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
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
