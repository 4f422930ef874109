using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// The console log of the server, written in batches: the same lines as ASP.NET Core's console provider (its
/// formatters, <c>Logging:Console:FormatterName</c>, <c>LogToStandardErrorThreshold</c>, the <c>Console</c> filter
/// alias), but a logging thread only formats its line and queues it without a lock, and a writer thread writes what
/// has queued up every <see cref="FlushInterval"/> with one write per stream.
/// </summary>
/// <remarks>
/// The console provider wakes its writer thread for every line (a lock, a futex wake and a context switch) and writes
/// each line with a system call of its own. With one Information line per GraphQL request that was about 7 % of the
/// CPU of a small request under load (profile of <c>node</c>, 32 clients). Lines now appear up to
/// <see cref="FlushInterval"/> later; what is queued is written when the host stops. Past
/// <see cref="ConsoleLoggerOptions.MaxQueueLength"/> queued lines a logging thread waits for the writer
/// (<see cref="ConsoleLoggerQueueFullMode.Wait"/>, the default) or its line is dropped (<c>DropWrite</c>). The formatters
/// read their options as usual (<c>Logging:Console:FormatterOptions</c>); the obsolete formatting switches of
/// <see cref="ConsoleLoggerOptions"/> itself (<c>DisableColors</c>, <c>IncludeScopes</c>, <c>TimestampFormat</c>) are not read.
/// </remarks>
[ProviderAlias("Console")]
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly IOptionsMonitor<ConsoleLoggerOptions> _options;
    private readonly Dictionary<string, ConsoleFormatter> _formatters;
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly ConcurrentQueue<(string Line, bool ToError)> _queue = new();
    private readonly ManualResetEventSlim _stopping = new();
    private readonly Thread _writer;
    private int _queued;
    private IExternalScopeProvider? _scopes;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, StandardStream(Console.OpenStandardOutput()), StandardStream(Console.OpenStandardError()))
    {
    }

    // Console.Out would write a batch 256 characters at a time (its buffer), each a write call of its own.
    private static TextWriter StandardStream(Stream stream) =>
        new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false };

    internal BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, TextWriter output, TextWriter error)
    {
        _options = options;
        _formatters = formatters.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _out = output;
        _error = error;
        _writer = new Thread(WriteBatches) { IsBackground = true, Name = "Console logger" };
        _writer.Start();
    }

    public ILogger CreateLogger(string categoryName) => new BatchedConsoleLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private ConsoleFormatter Formatter =>
        _formatters.TryGetValue(_options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple, out var formatter)
            ? formatter
            : _formatters[ConsoleFormatterNames.Simple];

    /// <summary>
    /// Writes a plain line to standard output in turn with the log lines: written beside them (Console.Out), it could
    /// land inside a batch larger than a pipe writes at once, splitting a JSON log line in two. It waits for room in a
    /// full queue even when log lines are dropped.
    /// </summary>
    public void WritePlainLine(string text) => Enqueue(text + Environment.NewLine, LogLevel.Information, plain: true);

    private void Enqueue(string line, LogLevel level, bool plain = false)
    {
        var options = _options.CurrentValue;
        while (Volatile.Read(ref _queued) >= options.MaxQueueLength && !_stopping.IsSet)
        {
            if (options.QueueFullMode == ConsoleLoggerQueueFullMode.DropWrite && !plain)
                return;
            Thread.Sleep(1); // the writer is behind (stdout blocked): wait, as the console provider does
        }
        var toStandardError = !plain && level >= options.LogToStandardErrorThreshold;
        if (_stopping.IsSet)
        {
            // After the host stopped (its last lines): written at once, as the console provider does.
            lock (_queue) Write(toStandardError ? _error : _out, new System.Text.StringBuilder(line));
            return;
        }
        _queue.Enqueue((line, toStandardError));
        Interlocked.Increment(ref _queued);
    }

    private void WriteBatches()
    {
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        while (true)
        {
            var stopping = _stopping.Wait(FlushInterval);
            while (_queue.TryDequeue(out var entry))
            {
                (entry.ToError ? error : output).Append(entry.Line);
                Interlocked.Decrement(ref _queued);
            }
            Write(_out, output);
            Write(_error, error);
            if (stopping)
                return;
        }
    }

    private static void Write(TextWriter writer, System.Text.StringBuilder lines)
    {
        if (lines.Length == 0)
            return;
        try
        {
            writer.Write(lines.ToString());
            writer.Flush(); // one write call per batch (up to the 64 KB buffer)
        }
        catch (IOException)
        {
            // stdout closed (the reading end went away): the lines are lost, as with the console provider
        }
        catch (ObjectDisposedException)
        {
        }
        lines.Clear();
        if (lines.Capacity > 64 * 1024)
            lines.Capacity = 64 * 1024;
    }

    /// <summary>Writes what is queued and stops the writer.</summary>
    public void Dispose()
    {
        _stopping.Set();
        _writer.Join(TimeSpan.FromSeconds(5));
        lock (_queue)
        {
            while (_queue.TryDequeue(out var entry)) // queued while the writer made its last batch
                Write(entry.ToError ? _error : _out, new System.Text.StringBuilder(entry.Line));
        }
    }

    private sealed class BatchedConsoleLogger(string category, BatchedConsoleLoggerProvider provider) : ILogger
    {
        [ThreadStatic] private static StringWriter? t_line;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            provider._scopes?.Push(state) ?? NullScope.Instance;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = t_line ??= new StringWriter();
            provider.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, line);
            var text = line.GetStringBuilder();
            if (text.Length == 0)
                return;
            var entry = text.ToString();
            text.Clear();
            if (text.Capacity > 1024)
                text.Capacity = 1024;
            provider.Enqueue(entry, logLevel);
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();
        public void Dispose() { }
    }
}

public static class BatchedConsoleLoggingExtensions
{
    /// <summary>Replaces the console provider by <see cref="BatchedConsoleLoggerProvider"/>, keeping its formatters and options.</summary>
    public static ILoggingBuilder AddBatchedConsole(this ILoggingBuilder logging)
    {
        logging.AddConsole(); // the formatters and the options binding (Logging:Console); idempotent
        var console = logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        foreach (var descriptor in console)
            logging.Services.Remove(descriptor);
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        return logging;
    }
}
