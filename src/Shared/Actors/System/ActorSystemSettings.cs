using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Troupe.Actors;

/// <summary>Configuration of an <see cref="ActorSystem"/>; the defaults follow Akka's where Akka has one.</summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>User messages an actor processes per turn on a thread before yielding it (Akka: 30).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>
    /// Whether a mailbox scheduled from a thread-pool thread is queued on that thread's local queue
    /// (better locality for request/reply, others steal) instead of the global queue.
    /// </summary>
    public bool PreferLocalScheduling { get; init; } = true;

    /// <summary>The mailbox of actors whose props name none.</summary>
    public MailboxOptions DefaultMailbox { get; init; } = MailboxOptions.Unbounded;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock of the scheduler, timers, receive timeouts, ask timeouts and retry windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Ask timeout when a call passes none; null: wait forever (Akka's default).</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary>How many dead letters are logged before logging stops (counting and publishing go on). Akka: 10.</summary>
    public int LogDeadLetters { get; init; } = 10;

    public bool LogDeadLettersDuringShutdown { get; init; }

    /// <summary>The strategy of the user guardian, i.e. for top-level actors.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Installs a remote-capable provider (Troupe.Cluster): called once the local runtime is up (guardians
    /// exist) with the system and its local provider; the result becomes <see cref="ActorSystem.Provider"/>.
    /// </summary>
    public Func<ActorSystem, LocalActorRefProvider, IActorRefProvider>? ProviderFactory { get; init; }

    internal void Validate()
    {
        if (Throughput <= 0) throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, $"expected a positive throughput, got {Throughput}");
        if (LogDeadLetters < 0) throw new ArgumentOutOfRangeException(nameof(LogDeadLetters), LogDeadLetters, $"expected a non-negative count, got {LogDeadLetters}");
        if (AskTimeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AskTimeout), t, $"expected a positive ask timeout or null, got {t}");
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(DefaultMailbox);
        ArgumentNullException.ThrowIfNull(GuardianSupervisorStrategy);
    }
}
