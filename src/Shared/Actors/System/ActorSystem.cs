using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// A named hierarchy of actors with its dispatchers, scheduler, event stream, dead letters and
/// provider. Top-level actors live under <c>/user</c>, runtime and transport actors under
/// <c>/system</c>. <see cref="Terminate"/> stops <c>/user</c> (children before parents, each
/// PostStop run), then <c>/system</c>, then completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed class ActorSystem : IActorRefFactory, IAsyncDisposable
{
    private readonly TaskCompletionSource whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, object> extensions = new();
    private readonly RootParentRef rootParent;
    private int terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        LoggerFactory = settings.LoggerFactory;
        Log = LoggerFactory.CreateLogger("Troupe.Actors.ActorSystem");
        TimeProvider = settings.TimeProvider;
        Dispatchers = new Dispatchers(settings);
        EventStream = new EventStream();
        Scheduler = new TimeProviderScheduler(settings.TimeProvider, Log);
        LocalProvider = new LocalActorRefProvider(this, Address.Local(name));
        Provider = LocalProvider;
        Serialization = new Serialization(this);
        StartTime = settings.TimeProvider.GetUtcNow();

        var root = LocalProvider.RootPath;
        rootParent = new RootParentRef(this, root / "bubble-walker");
        var rootCell = new ActorCell(this, root, Props.Create<RootGuardianActor>(),
            new Mailbox(Dispatchers.Default, MailboxOptions.Unbounded), rootParent);
        rootParent.Root = rootCell.SelfRef;
        LocalProvider.RootGuardian = rootCell.SelfRef;
        rootCell.Start(suspended: false);
        LocalProvider.UserGuardian = rootCell.AttachChild(
            Props.Create<GuardianActor>().WithSupervisorStrategy(settings.GuardianSupervisorStrategy), "user");
        LocalProvider.SystemGuardian = rootCell.AttachChild(Props.Create<GuardianActor>(), "system");
        rootCell.SelfRef.Tell(new RootGuardianActor.WatchGuardians(LocalProvider.UserGuardian, LocalProvider.SystemGuardian), null);
    }

    /// <summary>Creates and starts a system named <paramref name="name"/> (ASCII letters, digits, '-', '_').</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ActorPath.ValidateSystemName(name);
        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        var system = new ActorSystem(name, settings);
        if (settings.ProviderFactory is { } factory)
            system.Provider = factory(system, system.LocalProvider)
                ?? throw new InvalidOperationException("expected ProviderFactory to return a provider, got null");
        return system;
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    /// <summary>The active provider: the local one, or the remote-capable one a transport installed.</summary>
    public IActorRefProvider Provider { get; private set; }

    public LocalActorRefProvider LocalProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The runtime's own logger (supervision decisions, dead letters, scheduler errors).</summary>
    public ILogger Log { get; }

    public TimeProvider TimeProvider { get; }

    public Dispatchers Dispatchers { get; }

    public EventStream EventStream { get; }

    public IScheduler Scheduler { get; }

    public Serialization Serialization { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The external address (<see cref="IActorRefProvider.DefaultAddress"/>).</summary>
    public Address Address => Provider.DefaultAddress;

    public IActorRef DeadLetters => LocalProvider.DeadLetterRef;

    /// <summary>Messages that reached dead letters so far.</summary>
    public long DeadLetterCount => LocalProvider.DeadLetterRef.Count;

    /// <summary><c>/user</c>.</summary>
    public IActorRef Guardian => LocalProvider.UserGuardian;

    /// <summary><c>/system</c>.</summary>
    public IActorRef SystemGuardian => LocalProvider.SystemGuardian;

    public bool IsTerminating => Volatile.Read(ref terminating) != 0;

    /// <summary>Completes once every actor has stopped and the scheduler is shut down.</summary>
    public Task WhenTerminated => whenTerminated.Task;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => LocalProvider.UserGuardian.Cell.AttachChild(props, name);

    /// <summary>Creates a runtime/transport actor under <c>/system</c>.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => LocalProvider.SystemGuardian.Cell.AttachChild(props, name);

    /// <summary>Stops <paramref name="actor"/> after its current message (children first, then PostStop).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (actor as IInternalActorRef ?? throw new ArgumentException($"expected a ref made by the runtime, got {actor.GetType().Name}", nameof(actor))).Stop();
    }

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Create(this, null, path);

    public ActorSelection ActorSelection(ActorPath path) => Actors.ActorSelection.Create(this, null, path.ToString());

    /// <summary>Stops every actor (children before parents) and completes <see cref="WhenTerminated"/>. Idempotent.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref terminating, 1) == 0)
        {
            Log.LogDebug("Terminating actor system {System}", Name);
            LocalProvider.UserGuardian.Stop();
        }
        return WhenTerminated;
    }

    internal void FinishTermination()
    {
        Volatile.Write(ref terminating, 1);
        ((TimeProviderScheduler)Scheduler).Shutdown();
        Log.LogDebug("Actor system {System} terminated", Name);
        whenTerminated.TrySetResult();
    }

    /// <summary>One instance of <typeparamref name="T"/> per system (how Troupe.Cluster hangs its state on a system).</summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory) where T : class =>
        (T)extensions.GetOrAdd(typeof(T), static (_, state) => state.factory(state.system), (factory, system: this));

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    public override string ToString() => $"ActorSystem({Name})";
}
