using Microsoft.Extensions.Logging;

namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// The logger of a process that shows the live view: instead of writing to the terminal under the display, every
/// message (with its exception, whole) goes to <paramref name="logged"/> (<see cref="SpectreLiveSurface.Logged"/>:
/// a note now, stderr when the display stops), so errors stay visible.
/// </summary>
internal sealed class LiveLoggerProvider(Action<string> logged) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logged);

    public void Dispose()
    {
        // Nothing held: messages are handed over as they come.
    }

    private sealed class Logger(string category, Action<string> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var text = $"{DateTime.Now:HH:mm:ss} {logLevel.ToString().ToLowerInvariant()}: {category}: {formatter(state, exception)}";
            logged(exception is null ? text : $"{text}\n{exception}");
        }
    }
}
