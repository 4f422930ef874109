using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>A seeded server plus the numbers every export must reproduce: entities per kind (from the API) and relations.</summary>
public abstract class ExportFixture(SeededServer server) : IAsyncLifetime
{
    public SeededServer Server { get; } = server;
    public HttpClient Http => Server.Http;
    public IReadOnlyDictionary<string, int> TotalCounts { get; private set; } = new Dictionary<string, int>();
    public int Entities => TotalCounts.Values.Sum();
    public int Relations { get; private set; }

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        if (!Server.Started) return;
        var answer = await Http.PostGraphQLAsync(
            "{ strategies { totalCount } phases { totalCount } events { totalCount } organisations { totalCount } pilots { totalCount } " +
            "strategyElements { totalCount } participationStrands { totalCount } documents { totalCount } results { totalCount } terms { totalCount } " +
            "collections { totalCount } series { totalCount } }");
        TotalCounts = answer.AssertNoErrors().Data.AsObject().ToDictionary(p => p.Key, p => p.Value!["totalCount"]!.GetValue<int>());
        await using var scope = Server.Factory.Services.CreateAsyncScope();
        Relations = await scope.ServiceProvider.GetRequiredService<SmartCityDbContext>().Relations.CountAsync();
    }

    public Task DisposeAsync() => Server.DisposeAsync();

    /// <summary>GETs an export and checks it succeeded with the media type and a file name.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string mediaType)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("smartcitygraph-", response.Content.Headers.ContentDisposition?.FileName ?? "");
        Assert.StartsWith("Data: SmartCityGraph", response.Headers.GetValues("X-Attribution").Single());
        return response;
    }
}

public sealed class SqliteExportFixture() : ExportFixture(new SeededSqliteServer());

public sealed class PostgresExportFixture() : ExportFixture(new SeededPostgresServer());
