namespace Troupe.Actors;

internal sealed partial class ActorCell
{
    private bool isFailed;
    private bool isTerminating;
    private object? failedMessage;
    private IActorRef? escalatedFrom;

    private void ClearFailed()
    {
        isFailed = false;
        failedMessage = null;
    }

    /// <summary>
    /// Suspends this actor and its children (except <paramref name="notToSuspend"/>, already suspended)
    /// and reports <paramref name="cause"/> to the parent. A second failure before the parent's decision,
    /// or one while stopping, is logged instead.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, IReadOnlyCollection<IActorRef>? notToSuspend = null)
    {
        if (isFailed)
        {
            LogError(cause, "Actor {ActorPath} failed while its previous failure or its stop is pending", SelfRef.Path);
            return;
        }
        isFailed = true;
        failedMessage = currentMessage;
        try
        {
            Mailbox.Suspend();
            SuspendChildren(notToSuspend);
            ParentRef.SendSystemMessage(new Failed(Self, cause, SelfRef.Path.Uid));
        }
        catch (Exception e)
        {
            LogError(e, "Reporting the failure of {ActorPath} failed: stopping it", SelfRef.Path);
            LogError(cause, "The failure of {ActorPath} that could not be reported", SelfRef.Path);
            SelfRef.Stop();
        }
    }

    /// <summary>A child failed: apply the supervisor strategy, or fail in its place (escalate).</summary>
    private void HandleFailed(Failed failed)
    {
        if (!IsChild(failed.Child, out var stats) || failed.Child.Path.Uid != failed.Uid)
        {
            LogError(failed.Cause, "Dropping a failure of {Child}: not a current child of {ActorPath}", failed.Child, SelfRef.Path);
            return;
        }
        var all = ChildrenSnapshot.Values.ToList();
        if (CurrentStrategy().HandleFailure(this, stats.Child, failed.Cause, stats, all)) return;
        escalatedFrom = failed.Child;
        HandleInvokeFailure(failed.Cause, [failed.Child]);
    }
}
