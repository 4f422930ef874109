using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.RateLimiting;
using SmartCityGraph.Server.Commands;
using SmartCityGraph.Server.Export;
using SmartCityGraph.Server.Hosting;
using SmartCityGraph.Server.SignIn;
using SmartCityGraph.Server.Web;

// One executable, several verbs: with none it serves the API; `print-schema`, `import <dir>`,
// `export` and `generate --entities N` run once against the same configuration and exit.
var verb = CommandLine.Verb(args);
var hostArgs = verb is null ? args : args[1..];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = ContentRoot.For(hostArgs) });
if (verb is not null) builder.Logging.AddCommandLineLogging();
else builder.Logging.AddBatchedConsole(); // the line per request, without a wake-up and a write call per line
builder.Services.AddSmartCityGraph(builder.Configuration, builder.Environment);

var app = builder.Build();
if (verb is not null) return await CommandLine.RunAsync(verb, args[1..], app.Services);

// The GraphQL schema builds its types, and the pipeline runs its warm-up documents, on the other core, while this one
// prepares the database (on a SQLite restart: three plain statements), builds the singletons that the rest of start-up
// and the first request would wait for, maps the endpoints and starts the hosted services; the warm-up's own hosted
// service awaits it before Kestrel listens.
_ = Task.Run(() => app.Services.GetRequiredService<GraphQLWarmUp>().WarmUpAsync());
await app.Services.PrepareDatabaseAsync();
StartupSingletons.Build(app.Services, app.Logger);
app.RunAfterFirstResponse(() => app.Services.WarmUpEfCoreAsync(app.Logger));
app.UseAuthentication(); // bearer tokens, for mutations; reading stays anonymous
app.Services.EnsureSigningKey(); // first start: generate the local signing key now, so `token` and the server agree from the outset
app.MapWebPages();   // GraphiQL for a browser's GET /graphql, the explorer at /explorer, assets at /ui
app.UseCostRateLimiting(); // per-client budget of cost points at /graphql (after authentication, before the endpoints)
app.MapGraphQLHttp();
app.MapHealthChecks("/health");
app.MapMetrics();   // GET /metrics, Prometheus text format
app.MapExports();
app.MapGet("/", () => Results.Redirect("/graphql"));
app.Lifetime.ApplicationStarted.Register(() =>
{
    var listening = $"SmartCityGraph is listening on {string.Join(", ", app.Urls)} (GraphQL and its IDE at /graphql, the explorer at /explorer)";
    // In turn with the console log's batches, so it never lands inside a log line.
    if (app.Services.GetServices<ILoggerProvider>().OfType<BatchedConsoleLoggerProvider>().FirstOrDefault() is { } console)
        console.WritePlainLine(listening);
    else
        Console.WriteLine(listening);
});
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
