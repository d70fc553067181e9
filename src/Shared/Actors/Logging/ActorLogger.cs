using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>An actor's logger: every entry is written inside an <see cref="ActorScope"/> of the actor's path.</summary>
internal sealed class ActorLogger(ILogger inner, ActorPath path) : ILogger
{
    private readonly ActorScope scope = new(path);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        using (inner.BeginScope(scope))
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
