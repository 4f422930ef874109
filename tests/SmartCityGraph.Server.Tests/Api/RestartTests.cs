using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

public abstract class RestartTests(DatabaseProvider provider)
{
    private const string CountQuery = "{ strategies { totalCount } phases { totalCount } events { totalCount } organisations { totalCount } pilots { totalCount } }";

    [SkippableFact]
    public async Task A_restart_on_the_same_database_keeps_every_record_exactly_once()
    {
        using var first = new ServerFactory(provider);
        var before = (await first.CreateClient().PostGraphQLAsync(CountQuery)).AssertNoErrors().Data.ToJsonString();

        using var second = new SameDatabaseFactory(first);
        var after = (await second.CreateClient().PostGraphQLAsync(CountQuery)).AssertNoErrors().Data.ToJsonString();

        Assert.Equal(before, after);
        Assert.Contains("\"pilots\":{\"totalCount\":5}", after);
    }

    private sealed class SameDatabaseFactory(ServerFactory first) : ServerFactory(first.Provider, first.PostgresConnectionString)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:DataDirectory", first.DataDirectory);
        }
    }
}

public sealed class RestartTestsOnSqlite() : RestartTests(DatabaseProvider.Sqlite);

public sealed class RestartTestsOnPostgres() : RestartTests(DatabaseProvider.Postgres);
