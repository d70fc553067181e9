using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Troupe.TestKit;

/// <summary>
/// A logger provider that keeps every entry (for assertions like "the failure was logged with the
/// actor's path") and copies entries at <see cref="OutputLevel"/> and above to the xunit output.
/// </summary>
public sealed class TestLogSink : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private readonly ITestOutputHelper? output;
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public TestLogSink(ITestOutputHelper? output, LogLevel outputLevel)
    {
        this.output = output;
        OutputLevel = outputLevel;
    }

    public LogLevel OutputLevel { get; }

    public IReadOnlyCollection<LogEntry> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private void Write(LogEntry entry)
    {
        entries.Enqueue(entry);
        if (output is null || entry.Level < OutputLevel) return;
        try
        {
            output.WriteLine(entry.ToString());
        }
        catch (InvalidOperationException)
        {
            // xunit refuses output once the test has finished (actors logging while the system shuts
            // down); the entry is still kept in Entries.
        }
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var open = new List<object?>();
            sink.scopes.ForEachScope(static (scope, list) => list.Add(scope), open);
            sink.Write(new LogEntry(logLevel, category, formatter(state, exception), exception, open));
        }
    }
}
