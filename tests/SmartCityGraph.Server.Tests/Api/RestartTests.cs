using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

public sealed class RestartTests
{
    private const string CountQuery = "{ strategies { totalCount } phases { totalCount } events { totalCount } organisations { totalCount } pilots { totalCount } }";

    [Fact]
    public async Task A_restart_on_the_same_database_keeps_every_record_exactly_once()
    {
        using var first = new ServerFactory();
        var before = (await first.CreateClient().PostGraphQLAsync(CountQuery)).AssertNoErrors().Data.ToJsonString();

        using var second = new SameDatabaseFactory(first.DataDirectory);
        var after = (await second.CreateClient().PostGraphQLAsync(CountQuery)).AssertNoErrors().Data.ToJsonString();

        Assert.Equal(before, after);
        Assert.Contains("\"pilots\":{\"totalCount\":5}", after);
    }

    private sealed class SameDatabaseFactory(string dataDirectory) : ServerFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
        }
    }
}
