using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.Server.Commands;
using SmartCityGraph.Server.Export;
using SmartCityGraph.Server.Hosting;
using SmartCityGraph.Server.SignIn;
using SmartCityGraph.Server.Web;

// One executable, several verbs: with none it serves the API; `print-schema`, `import <dir>`,
// `export` and `generate --entities N` run once against the same configuration and exit.
var verb = CommandLine.Verb(args);
var builder = WebApplication.CreateBuilder(verb is null ? args : args[1..]);
if (verb is not null) builder.Logging.AddCommandLineLogging();
builder.Services.AddSmartCityGraph(builder.Configuration, builder.Environment);

var app = builder.Build();
if (verb is not null) return await CommandLine.RunAsync(verb, args[1..], app.Services);

await app.Services.PrepareDatabaseAsync();
app.UseAuthentication(); // bearer tokens, for mutations; reading stays anonymous
app.Services.EnsureSigningKey(); // first start: generate the local signing key now, so `token` and the server agree from the outset
app.MapWebPages();   // GraphiQL for a browser's GET /graphql, the explorer at /explorer, assets at /ui
app.MapGraphQLHttp();
app.MapHealthChecks("/health");
app.MapExports();
app.MapGet("/", () => Results.Redirect("/graphql"));
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"SmartCityGraph is listening on {string.Join(", ", app.Urls)} (GraphQL and its IDE at /graphql, the explorer at /explorer)"));
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
