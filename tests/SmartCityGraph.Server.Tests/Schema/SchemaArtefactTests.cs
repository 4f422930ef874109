using GraphQL;
using GraphQL.Types;
using Snapshooter.Xunit;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Schema;

public abstract class SchemaArtefactTests(SeededServer server)
{
    private static string CommittedSchemaPath =>
        Path.Combine(Server.Hosting.StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "schema", "schema.graphql");

    private string PrintedSchema => server.Factory.Services.GetRequiredService<ISchema>().Print();

    [SkippableFact]
    public void The_committed_schema_file_is_the_printed_schema()
    {
        // Regenerate with: dotnet run --project src/SmartCityGraph.Server -- print-schema > schema/schema.graphql
        Assert.Equal(PrintedSchema.Trim(), File.ReadAllText(CommittedSchemaPath).ReplaceLineEndings("\n").Trim());
    }

    [SkippableFact]
    public void The_schema_matches_its_snapshot() => Snapshot.Match(PrintedSchema);

    [SkippableFact]
    public async Task Get_sdl_serves_the_committed_schema()
    {
        var sdl = await server.Http.GetStringAsync("/graphql?sdl");
        Assert.Equal(File.ReadAllText(CommittedSchemaPath).ReplaceLineEndings("\n").Trim(), sdl.Trim());
    }
}

public sealed class SchemaArtefactTestsOnSqlite(SeededSqliteServer server) : SchemaArtefactTests(server), IClassFixture<SeededSqliteServer>;

public sealed class SchemaArtefactTestsOnPostgres(SeededPostgresServer server) : SchemaArtefactTests(server), IClassFixture<SeededPostgresServer>;
