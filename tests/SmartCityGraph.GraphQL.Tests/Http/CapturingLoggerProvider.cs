using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>Keeps every log entry of the toy servers so tests can check what was logged (and where).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public static readonly CapturingLoggerProvider Instance = new();

    private readonly ConcurrentQueue<(string Message, Exception? Exception)> _entries = new();

    public IReadOnlyCollection<(string Message, Exception? Exception)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider._entries.Enqueue((formatter(state, exception), exception));
        }
    }
}
