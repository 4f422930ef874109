using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmartCityGraph.Server.Hosting;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Hosting;

/// <summary>
/// The server reads the appsettings.json beside it wherever it is started from (regression: started from another
/// folder, it ran without them and logged every request and every SQL statement at Information).
/// </summary>
public sealed class ContentRootTests
{
    [Fact]
    public void The_content_root_is_the_servers_folder_unless_one_is_chosen()
    {
        Assert.Equal(AppContext.BaseDirectory, ContentRoot.For([]));
        Assert.Equal(AppContext.BaseDirectory, ContentRoot.For(["--urls", "http://127.0.0.1:1"]));
        Assert.Null(ContentRoot.For(["--contentRoot", "/srv/scg"]));
        Assert.Null(ContentRoot.For(["--contentRoot=/srv/scg"]));
    }

    [Fact]
    public async Task Started_from_another_folder_the_server_logs_neither_requests_nor_sql_statements()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "src", "SmartCityGraph.Server", "bin", configuration, "net10.0", "SmartCityGraph.Server.dll");
        var folder = Directory.CreateTempSubdirectory("smartcitygraph-cwd").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--urls", url, "--Storage:DataDirectory=" + Path.Combine(folder, "data") }) start.ArgumentList.Add(argument);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) }; // a busy machine starts slowly
            var answer = await FirstAnswerAsync(http, server);
            Assert.Equal(200, answer.Status);
            Assert.Equal(5, answer.Data["pilots"]!["totalCount"]!.GetValue<int>());
            await http.PostGraphQLAsync("{ events(first: 3) { nodes { title organisers { title } } } }");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }

        var log = string.Join('\n', output);
        Assert.Contains("SmartCityGraph is listening on", log);
        Assert.DoesNotContain("Request starting", log);     // Microsoft.AspNetCore: Warning (appsettings.json)
        Assert.DoesNotContain("Executed DbCommand", log);   // SQL statements only at Debug
    }

    private static async Task<GraphQLAnswer> FirstAnswerAsync(HttpClient http, Process server)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(server.HasExited, "the server exited while starting");
            try
            {
                return await http.PostGraphQLAsync("{ pilots { totalCount } }");
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
