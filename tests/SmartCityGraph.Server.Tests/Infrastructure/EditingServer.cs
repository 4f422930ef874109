using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.Tokens;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>A server of its own (its edits stay in its database) with a known signing key, and tokens for editors and admins.</summary>
public abstract class EditingServer(DatabaseProvider provider) : IAsyncLifetime
{
    public const string Key = "a-test-signing-key-of-more-than-thirty-two-bytes";

    public Factory Server { get; } = new(provider);
    public HttpClient Http { get; private set; } = null!;

    public string EditorToken { get; } = Token("Ada Editor", EditorRoles.Editor);
    public string AdminToken { get; } = Token("Root Admin", EditorRoles.Admin);

    public static string Token(string name, string role, SecurityKey? key = null) =>
        TokenIssuer.Issue(key ?? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), name, role, TimeSpan.FromHours(1));

    public Task<GraphQLAnswer> AsEditorAsync(string query, object? variables = null) => AsAsync(EditorToken, query, variables);

    public Task<GraphQLAnswer> AsAdminAsync(string query, object? variables = null) => AsAsync(AdminToken, query, variables);

    public Task<GraphQLAnswer> AsAsync(string token, string query, object? variables = null) =>
        Http.PostGraphQLAsync(query, variables, new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });

    public Task InitializeAsync()
    {
        Http = Server.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public sealed class Factory(DatabaseProvider provider = DatabaseProvider.Sqlite) : ServerFactory(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:SigningKey", Key);
        }
    }
}

public sealed class EditingSqliteServer() : EditingServer(DatabaseProvider.Sqlite);

public sealed class EditingPostgresServer() : EditingServer(DatabaseProvider.Postgres);
