using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Editing;

/// <summary>Neither the signing key nor a bearer token appears in a log line or a response, whatever the token.</summary>
public sealed class SecretsTests
{
    private sealed class Capturing : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(Capturing owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }

    private sealed class LoggedServer(Capturing logs) : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:SigningKey", EditingServer.Key);
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }
    }

    [Fact]
    public async Task Keys_and_tokens_stay_out_of_logs_and_answers()
    {
        var logs = new Capturing();
        using var server = new LoggedServer(logs);
        var http = server.CreateClient();
        var good = EditingServer.Token("Ada", "editor");
        var garbage = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{}");
        var expired = SmartCityGraph.Server.SignIn.TokenIssuer.Issue(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(EditingServer.Key)), "Ada", "editor", TimeSpan.FromHours(1), DateTime.UtcNow.AddDays(-2));
        var forged = EditingServer.Token("Mallory", "admin", new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[64]));
        const string mutation = "mutation { createEvent(input: { title: \"Secret test\", startDate: \"2023-01-01\", category: NETWORK, sources: [{ title: \"t\" }] }) { event { id } } }";

        var answers = new List<string>();
        foreach (var token in new[] { good, garbage, expired, forged, good[..^4] + "AAAA" })
            answers.Add((await http.PostGraphQLAsync(mutation, null, new Dictionary<string, string> { ["Authorization"] = "Bearer " + token })).Body);

        var logged = string.Join('\n', logs.Lines);
        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { EditingServer.Key, good, expired, forged, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(EditingServer.Key)) })
        {
            Assert.DoesNotContain(secret, logged);
            Assert.All(answers, answer => Assert.DoesNotContain(secret, answer));
        }
        Assert.Contains("\"createEvent\"", answers[0]);
        Assert.All(answers.Skip(1), answer => Assert.Contains("UNAUTHENTICATED", answer));
    }
}
