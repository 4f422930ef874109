using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Tests.Telemetry;

/// <summary>
/// <see cref="BatchedConsoleLoggerProvider"/> writes the console provider's lines (same formatters and options), in order,
/// errors to standard error from the configured threshold, and everything queued when it stops.
/// </summary>
public sealed class BatchedConsoleLoggerTests
{
    private static (Stoppable Factory, Written Out, Written Error) Build(Action<ConsoleLoggerOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging(logging => logging.AddConsole(options => configure?.Invoke(options))).BuildServiceProvider();
        var output = new Written();
        var error = new Written();
        var provider = new BatchedConsoleLoggerProvider(services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(),
            services.GetServices<ConsoleFormatter>(), output.Writer, error.Writer);
        return (new Stoppable(LoggerFactory.Create(logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Debug)), provider), output, error);
    }

    /// <summary>The factory and the provider, stopped together as the host stops them (a factory leaves an added provider alone).</summary>
    private sealed class Stoppable(ILoggerFactory factory, ILoggerProvider provider)
    {
        public ILoggerProvider Provider => provider;

        public ILogger CreateLogger(string category) => factory.CreateLogger(category);

        public void Dispose()
        {
            factory.Dispose();
            provider.Dispose();
        }
    }

    /// <summary>A console stand-in the writer thread writes to while the test reads it.</summary>
    private sealed class Written
    {
        private readonly StringWriter _text = new();
        public TextWriter Writer { get; }

        public Written() => Writer = TextWriter.Synchronized(_text);

        public override string ToString()
        {
            lock (Writer) return _text.ToString(); // the synchronized writer locks itself
        }
    }

    [Fact]
    public void A_plain_line_is_written_in_turn_with_the_log_lines_to_standard_output_even_above_the_error_threshold()
    {
        // Regression: the "listening on" line went to Console.Out beside the logger's own stream, and landed inside a JSON
        // log line of a large batch now and then (JsonLogTests failed to parse it).
        var (factory, output, error) = Build(options =>
        {
            options.LogToStandardErrorThreshold = LogLevel.Trace;
            options.FormatterName = ConsoleFormatterNames.Json;
        });
        var logger = factory.CreateLogger("Category");
        var provider = (BatchedConsoleLoggerProvider)factory.Provider;

        for (var i = 0; i < 500; i++)
        {
            logger.LogInformation("request {Number} answered with {Text}", i, new string('x', 100));
            if (i == 250) provider.WritePlainLine("listening");
        }
        factory.Dispose();

        Assert.Equal("listening" + Environment.NewLine, output.ToString());
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(500, lines.Length);
        Assert.All(lines, line => System.Text.Json.JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public void Lines_are_the_simple_formatters_in_order_and_all_written_when_it_stops()
    {
        var (factory, output, error) = Build(options => options.LogToStandardErrorThreshold = LogLevel.Error);
        var logger = factory.CreateLogger("Category");

        for (var i = 0; i < 1000; i++)
            logger.LogInformation(new EventId(1), "request {Number} answered", i);
        logger.LogError("it failed");
        factory.Dispose();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length); // the simple formatter: a header line and the indented message
        Assert.Equal("info: Category[1]", lines[0]);
        Assert.Equal("      request 0 answered", lines[1]);
        Assert.Equal("      request 999 answered", lines[^1]);
        Assert.Equal($"fail: Category[0]{Environment.NewLine}      it failed{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void The_configured_formatter_writes_the_lines()
    {
        var (factory, output, _) = Build(options => options.FormatterName = ConsoleFormatterNames.Json);

        factory.CreateLogger("Category").LogInformation("cost {Cost}", 7);
        factory.Dispose();

        var line = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;
        Assert.Equal("Category", (string?)line["Category"]);
        Assert.Equal("7", line["State"]!["Cost"]!.ToString());
    }

    [Fact]
    public async Task Lines_appear_without_the_host_stopping()
    {
        var (factory, output, _) = Build();
        factory.CreateLogger("Category").LogInformation("soon");

        for (var i = 0; i < 100 && !output.ToString().Contains("soon"); i++)
            await Task.Delay(BatchedConsoleLoggerProvider.FlushInterval);

        Assert.Contains("soon", output.ToString());
        factory.Dispose();
    }
}
