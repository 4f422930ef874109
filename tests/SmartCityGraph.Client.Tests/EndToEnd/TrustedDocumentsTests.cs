using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.EndToEnd;

/// <summary>A server with Security:TrustedDocumentsOnly=true, which has loaded the manifests in schema/persisted/.</summary>
public sealed class TrustedDocumentsServer : LiveServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TrustedDocumentsOnly", "true");
    }
}

/// <summary>The same server, and a client that never sends ids.</summary>
public sealed class DocumentsOnlyClientServer : LiveServer
{
    protected override PersistedDocumentsMode PersistedDocuments => PersistedDocumentsMode.Never;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TrustedDocumentsOnly", "true");
    }
}

public sealed class TrustedDocumentsTests(TrustedDocumentsServer server) : IClassFixture<TrustedDocumentsServer>
{
    [Fact]
    public async Task The_typed_client_keeps_working_when_the_server_runs_only_trusted_documents()
    {
        var pilots = (await server.Client.GetPilots.ExecuteAsync(10)).EnsureNoErrors().Pilots!;
        var page = (await server.Client.GetEvents.ExecuteAsync(2, null)).EnsureNoErrors().Events!;
        var node = (await server.Client.GetNode.ExecuteAsync(page.Nodes[0].Id)).EnsureNoErrors().Node;

        Assert.Equal(5, pilots.TotalCount);
        Assert.Equal(2, page.Nodes.Count);
        Assert.IsAssignableFrom<IGetNode_Node_Event>(node);
    }

    [Fact]
    public async Task An_ad_hoc_anonymous_document_is_refused_with_persisted_document_required()
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json");

        using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ pilots { totalCount } }" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public void The_committed_manifest_holds_exactly_the_generated_clients_documents()
    {
        // The Sample's build writes schema/persisted/dotnet.json; a stale committed copy would leave the server without an operation.
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "schema", "persisted", "dotnet.json")))!;

        Assert.Equal(SmartCityClientPersistedDocuments.All.OrderBy(d => d.Key), manifest.OrderBy(d => d.Key));
        Assert.Equal(GetPilotsQuery.DocumentId, SmartCityClientPersistedDocuments.All.Single(d => d.Value == GetPilotsQuery.Document).Key);
    }
}

public sealed class DocumentsOnlyClientTests(DocumentsOnlyClientServer server) : IClassFixture<DocumentsOnlyClientServer>
{
    [Fact]
    public async Task A_client_configured_to_send_documents_is_refused_by_a_trusted_documents_only_server()
    {
        var result = await server.Client.GetPilots.ExecuteAsync(10);

        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", Assert.Single(result.Errors).Code);
    }
}
