using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// The runtime side of one actor: its mailbox, instance, behaviour stack, children, watches, stash,
/// timers and supervision state. Everything except the children map is touched only by the thread
/// currently running the mailbox (one at a time); the children map is swapped under a lock because
/// top-level actors are created from any thread and selections read it from any thread.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    /// <summary>The cell whose mailbox this thread is running (implicit sender, Forward).</summary>
    [ThreadStatic] internal static ActorCell? Current;

    /// <summary>The cell whose actor constructor is running on this thread.</summary>
    [ThreadStatic] internal static ActorCell? Constructing;

    private readonly List<Receive> behaviors = new(2);
    private readonly Receive initialBehavior;
    private Receive currentBehavior;
    private ActorBase? actor;
    private object? currentMessage;
    private IActorRef? currentSender;
    private long messageSerial;
    private SupervisorStrategy? strategy;
    private int incarnation;
    private StashStore? stash;
    private TimerScheduler? timers;

    public ActorCell(ActorSystem system, ActorPath path, Props props, Mailbox mailbox, IInternalActorRef parent)
    {
        System = system;
        Props = props;
        Mailbox = mailbox;
        ParentRef = parent;
        SelfRef = new LocalActorRef(this, path);
        mailbox.SetActor(this);
        initialBehavior = message => actor!.Receive(message);
        currentBehavior = initialBehavior;
    }

    public ActorSystem System { get; }
    public Props Props { get; }
    public Mailbox Mailbox { get; }
    public LocalActorRef SelfRef { get; }
    public IInternalActorRef ParentRef { get; }
    public IActorRef Self => SelfRef;
    public IActorRef Parent => ParentRef;
    public IActorRef Sender => currentSender ?? System.DeadLetters;
    internal ActorBase? Actor => actor;
    internal bool IsTerminated => Mailbox.IsClosed;

    internal ITimerScheduler Timers => timers ??= new TimerScheduler(this);
    internal StashStore StashStore => stash ??= new StashStore(this);
    internal long MessageSerial => messageSerial;
    internal object? CurrentMessage => currentMessage;
    internal IActorRef? CurrentSender => currentSender;

    /// <summary>Enqueues Create (and a Suspend when the parent is suspended) and attaches the dispatcher.</summary>
    public void Start(bool suspended)
    {
        Mailbox.Dispatcher.Attach(Mailbox);
        Mailbox.PostSystem(Create.Instance);
        if (suspended) Mailbox.PostSystem(Suspend.Instance);
    }

    // ---- IActorContext ----

    public IReadOnlyCollection<IActorRef> Children => ChildrenSnapshot.Values.Select(s => (IActorRef)s.Child).ToList();

    public IActorRef Child(string name) =>
        ChildrenSnapshot.TryGetValue(name, out var stats) ? stats.Child : Nobody.Instance;

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name);

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Create(System, SelfRef, path);

    public void Become(Receive behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (behaviors.Count > 0) behaviors.RemoveAt(behaviors.Count - 1);
        behaviors.Add(behavior);
        currentBehavior = behavior;
    }

    public void BecomeStacked(Receive behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        behaviors.Add(behavior);
        currentBehavior = behavior;
    }

    public void Unbecome()
    {
        if (behaviors.Count > 0) behaviors.RemoveAt(behaviors.Count - 1);
        currentBehavior = behaviors.Count > 0 ? behaviors[^1] : initialBehavior;
    }

    private void ResetBehaviors()
    {
        behaviors.Clear();
        currentBehavior = initialBehavior;
    }

    public void Stash() => StashStore.Stash();

    public void UnstashAll() => StashStore.UnstashAll();

    // ---- support ----

    internal ILogger CreateLogger(Type actorType) =>
        new ActorLogger(System.LoggerFactory.CreateLogger(actorType.FullName ?? actorType.Name), SelfRef.Path);

    internal void PublishUnhandled(object message)
    {
        var sender = currentSender ?? System.DeadLetters;
        System.EventStream.Publish(new UnhandledMessage(message, sender, Self));
        if (System.Log.IsEnabled(LogLevel.Debug))
            using (System.Log.BeginScope(new ActorScope(SelfRef.Path)))
                System.Log.LogDebug("Unhandled message {MessageType} from {Sender} to {ActorPath}", message.GetType().Name, sender, SelfRef.Path);
    }

    private SupervisorStrategy CurrentStrategy() =>
        strategy ??= Props.SupervisorStrategy ?? actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;

    private void LogError(Exception? e, string message, params object?[] args)
    {
        using (System.Log.BeginScope(new ActorScope(SelfRef.Path)))
#pragma warning disable CA2254 // the templates are constants at every call site
            System.Log.LogError(e, message, args);
#pragma warning restore CA2254
    }

    private ImmutableDictionary<string, ChildRestartStats> ChildrenSnapshot => Volatile.Read(ref children);

    public override string ToString() => $"ActorCell({SelfRef.Path})";
}
