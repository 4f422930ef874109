using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client;
using SmartCityGraph.Client.Sample;

// Prints an entity and its relations as a Mermaid or DOT graph:
//   dotnet run --project src/SmartCityGraph.Client.Sample -- --url http://127.0.0.1:5000 --id <global id> --format mermaid|dot
// Without --id it draws the first pilot's neighbourhood.
if (SampleOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

var services = new ServiceCollection();
services.AddSmartCityClient().ConfigureHttpClient(c => c.BaseAddress = options.Endpoint);
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ISmartCityClient>();

try
{
    var neighbourhood = await new NeighbourhoodLoader(client).LoadAsync(options.Id, options.First);
    Console.Write(options.Format == GraphFormat.Dot ? DotRenderer.Render(neighbourhood) : MermaidRenderer.Render(neighbourhood));
    return 0;
}
catch (GraphQLClientException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
