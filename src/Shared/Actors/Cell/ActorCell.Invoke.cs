using System.Runtime.ExceptionServices;

namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    /// <summary>Processes one user message; every exception becomes a supervised failure.</summary>
    public void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        currentMessage = message;
        currentSender = envelope.Sender;
        messageSerial++;
        try
        {
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else if (!(behaviors.Count == 0 ? actor!.Receive(message) : currentBehavior(message))) actor!.InvokeUnhandled(message);
            currentMessage = null;
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            currentSender = null;
            if (receiveTimeout is not null && message is not INotInfluenceReceiveTimeout) MarkActivity();
        }
    }

    /// <summary>Delivers a message to the behaviour as if it had just arrived (timers, receive timeout, custom Terminated).</summary>
    private void ReceiveMessage(object message)
    {
        currentMessage = message;
        if (!currentBehavior(message)) actor!.InvokeUnhandled(message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case TerminatedNotice notice:
                ReceivedTerminated(notice.Terminated);
                break;
            case PoisonPill:
                SelfRef.Stop();
                break;
            case Kill:
                throw new ActorKilledException($"Kill received by {SelfRef.Path}");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            case ActorSelectionMessage selection:
                Actors.ActorSelection.Deliver(SelfRef, selection, currentSender);
                break;
            case TimerMessage timer:
                if (timers is not null && timers.TryTakeMessage(timer, out var payload)) ReceiveMessage(payload);
                break;
            case ReceiveTimeoutTick:
                OnReceiveTimeoutTick();
                break;
            case AddressTerminated addressTerminated:
                OnAddressTerminated(addressTerminated.Address);
                break;
            default:
                throw new InvalidOperationException($"expected a known auto-received message, got {message.GetType().Name}");
        }
    }

    /// <summary>Processes one system message; every exception becomes a supervised failure.</summary>
    public void SystemInvoke(ISystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    CreateActor();
                    break;
                case Watch w:
                    AddWatcher(w.Watchee, w.Watcher);
                    break;
                case Unwatch u:
                    RemoveWatcher(u.Watchee, u.Watcher);
                    break;
                case DeathWatchNotification d:
                    WatchedActorTerminated(d.Actor, d.ExistenceConfirmed, d.AddressTerminated);
                    break;
                case Failed f:
                    HandleFailed(f);
                    break;
                case Recreate r:
                    FaultRecreate(r.Cause);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Resume r:
                    FaultResume(r.CausedByFailure);
                    break;
                case Terminate:
                    TerminateSelf();
                    break;
                case RunContinuation c:
                    RunContinuation(c);
                    break;
                case AsyncHandlerCompleted a:
                    OnAsyncHandlerCompleted(a);
                    break;
                default:
                    throw new InvalidOperationException($"expected a known system message, got {message.GetType().Name}");
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>A system message reached this actor after it died.</summary>
    public void DeadSystemMessage(ISystemMessage message)
    {
        switch (message)
        {
            case Watch w when w.Watchee.Equals(Self) && !w.Watcher.Equals(Self):
                ((IInternalActorRef)w.Watcher).SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: false, AddressTerminated: false));
                break;
            case Failed f:
                // A child cannot outlive its parent; stop it rather than leave it suspended forever.
                ((IInternalActorRef)f.Child).Stop();
                break;
            // Lifecycle requests, continuations and notifications have nothing left to act on.
        }
    }

    /// <summary>A user message reached this actor after it died.</summary>
    public void DeadUserMessage(Envelope envelope)
    {
        switch (envelope.Message)
        {
            case DeadLetter:            // a dead subscriber of dead letters: already reported once
            case TerminatedNotice:
            case TimerMessage:
            case ReceiveTimeoutTick:
                return;
            default:
                System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender ?? System.DeadLetters, Self), envelope.Sender);
                return;
        }
    }

    private static Exception Unwrap(Exception e) =>
        e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;

    private static void Rethrow(Task task)
    {
        if (task.Exception is { } aggregate)
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate).Throw();
        task.GetAwaiter().GetResult();
    }
}
