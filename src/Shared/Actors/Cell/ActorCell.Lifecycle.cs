using Microsoft.Extensions.Logging;

namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    private ActorBase NewActor()
    {
        ResetBehaviors();
        strategy = null;
        incarnation++;
        var previous = Constructing;
        Constructing = this;
        ActorBase instance;
        try
        {
            instance = Props.NewActor();
        }
        finally
        {
            Constructing = previous;
        }
        if (!ReferenceEquals(instance.Cell, this))
            throw new IllegalActorStateException($"expected the props factory of {SelfRef.Path} to create a new actor, got an instance created elsewhere");
        instance.OnConstructed();
        return instance;
    }

    /// <summary>Constructor, then PreStart. A failure becomes <see cref="ActorInitializationException"/> (default: stop).</summary>
    private void CreateActor()
    {
        try
        {
            var instance = NewActor();
            actor = instance;
            instance.InvokePreStart();
        }
        catch (Exception e)
        {
            ClearActor();
            throw new ActorInitializationException(Self, "exception during creation", Unwrap(e));
        }
    }

    private void ClearActor()
    {
        actor = null;
        ResetBehaviors();
        currentMessage = null;
    }

    private void FaultSuspend()
    {
        Mailbox.Suspend();
        SuspendChildren(except: null);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (actor is null && causedByFailure is not null && !isTerminating)
        {
            // Resuming an actor whose creation failed means creating it.
            FaultRecreate(causedByFailure);
            return;
        }
        try
        {
            Mailbox.Resume();
        }
        finally
        {
            if (causedByFailure is not null) ClearFailed();
        }
        ResumeChildren(causedByFailure);
    }

    /// <summary>The supervisor decided to restart: PreRestart on the old instance, wait for stopped children, then a new instance.</summary>
    private void FaultRecreate(Exception cause)
    {
        if (isTerminating)
        {
            FaultResume(null);   // keep the suspend count balanced; the actor is going away anyway
            return;
        }
        ClearAwaiting();
        CancelReceiveTimeout();
        timers?.CancelAll();
        var failed = actor;
        if (failed is null)
        {
            // Creation failed: stop whatever children the constructor made, then create again.
            foreach (var child in ChildrenSnapshot.Values) Stop(child.Child);
            if (!SetChildrenTerminationReason(new ChildrenReason.Creation(cause))) FinishCreate();
            return;
        }
        try
        {
            stash?.UnstashAllForRestart();
            failed.InvokePreRestart(cause, failedMessage);
        }
        catch (Exception e)
        {
            LogError(e, "PreRestart of {ActorPath} failed; restarting anyway", SelfRef.Path);
        }
        finally
        {
            ClearActor();
        }
        if (!SetChildrenTerminationReason(new ChildrenReason.Recreation(cause))) FinishRecreate(cause);
    }

    private void FinishCreate()
    {
        try
        {
            Mailbox.Resume();
        }
        finally
        {
            ClearFailed();
        }
        CreateActor();
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = ChildrenSnapshot.Values.Select(s => s.Child).ToList();
        try
        {
            try
            {
                Mailbox.Resume();
            }
            finally
            {
                ClearFailed();
            }
            var fresh = NewActor();
            actor = fresh;
            fresh.InvokePostRestart(cause);
        }
        catch (Exception e)
        {
            ClearActor();
            HandleInvokeFailure(new ActorInitializationException(Self, "exception during restart", Unwrap(e)), survivors);
            return;
        }
        foreach (var child in survivors) child.SendSystemMessage(new Recreate(cause));
    }

    /// <summary>Stops children, waits for them, then <see cref="FinishTerminate"/>.</summary>
    private void TerminateSelf()
    {
        if (isTerminating) return;
        CancelReceiveTimeout();
        UnwatchWatchedActors();
        foreach (var child in ChildrenSnapshot.Values) Stop(child.Child);
        if (SetChildrenTerminationReason(ChildrenReason.Termination.Instance))
        {
            isTerminating = true;
            ClearAwaiting();
            Mailbox.Suspend();   // no user messages while children stop
            isFailed = true;     // failures from now on are logged, not escalated
        }
        else
        {
            isTerminating = true;
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        var a = actor;
        try
        {
            timers?.CancelAll();
            if (a is not null) a.InvokePostStop();
        }
        catch (Exception e)
        {
            LogError(e, "PostStop of {ActorPath} failed", SelfRef.Path);
        }
        finally
        {
            incarnation++;
            awaiting = null;
            Mailbox.Close();
            Mailbox.Dispatcher.Detach(Mailbox);
            lock (childrenLock) childrenClosed = true;
            System.EventStream.Unsubscribe(Self);
            stash?.DiscardToDeadLetters();
            DisposeReceiveTimeout();
            UnwatchWatchedActors();
            ParentRef.SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true, AddressTerminated: false));
            TellWatchersWeDied();
            ClearActor();
            if (System.Log.IsEnabled(LogLevel.Debug))
                System.Log.LogDebug("Actor {ActorPath} stopped", SelfRef.Path);
        }
    }
}
