using Microsoft.Extensions.Logging;
using Troupe.Actors;

namespace Troupe.TestKit;

/// <summary>One log line written by the system under test, with the scopes that were open.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception, IReadOnlyList<object?> Scopes)
{
    /// <summary>The actor path from an <see cref="ActorScope"/>, if one was open.</summary>
    public string? ActorPath => Scopes.OfType<ActorScope>().LastOrDefault()?.Path.ToString();

    public override string ToString() =>
        $"{Level} {Category}{(ActorPath is { } p ? $" [{p}]" : "")}: {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}
