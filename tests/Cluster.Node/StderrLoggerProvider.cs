using Microsoft.Extensions.Logging;

namespace Troupe.ClusterNode;

/// <summary>Log lines to stderr (stdout carries only the parseable event lines).</summary>
public sealed class StderrLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum);

    public void Dispose() { }

    private sealed class Logger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}";
            lock (Gate) Console.Error.WriteLine(line);
        }
    }
}
