using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

/// <summary>
/// The base of every actor. Create actors only through <see cref="IActorRefFactory.ActorOf"/> with
/// <see cref="Props"/>; the runtime calls the constructor (on a dispatcher thread), then
/// <see cref="PreStart"/>. Hooks run in this order: constructor, PreStart, handlers…; on restart
/// PreRestart (old instance), constructor, PostRestart (new instance, calls PreStart); on stop PostStop
/// after every child stopped.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell cell;
    private ILogger? log;

    protected ActorBase()
    {
        cell = ActorCell.Constructing ?? throw new IllegalActorStateException(
            $"expected {GetType().Name} to be created by the runtime through ActorOf(Props.Create<{GetType().Name}>()), got a direct constructor call");
    }

    internal ActorCell Cell => cell;

    protected IActorContext Context => cell;

    protected IActorRef Self => cell.Self;

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    protected IActorRef Sender => cell.Sender;

    /// <summary>A logger whose entries carry this actor's path in an <see cref="ActorScope"/>.</summary>
    protected ILogger Log => log ??= cell.CreateLogger(GetType());

    /// <summary>Timers of this actor, cancelled on restart and stop.</summary>
    protected ITimerScheduler Timers => cell.Timers;

    /// <summary>The stash of this actor.</summary>
    protected IStash Stash => cell.StashStore;

    /// <summary>The initial behaviour.</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart() { }

    protected virtual void PostStop() { }

    /// <summary>Called on the failed instance before it is replaced. Default: stop all children, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the new instance after a restart. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy this actor applies to its failing children. Default: <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for messages no behaviour handled. Default: an unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>
    /// and logged at debug level.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        cell.PublishUnhandled(message);
    }

    internal void InvokePreStart() => PreStart();
    internal void InvokePostStop() => PostStop();
    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void InvokePostRestart(Exception reason) => PostRestart(reason);
    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
    internal void InvokeUnhandled(object message) => Unhandled(message);

    /// <summary>Runs after the constructor returned (ReceiveActor freezes its handlers here).</summary>
    internal virtual void OnConstructed() { }
}
