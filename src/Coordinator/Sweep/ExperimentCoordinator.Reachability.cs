using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Placement;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Coordinator.Sweep;

internal sealed partial class ExperimentCoordinator
{
    // On a cluster node, reachability re-plans at once: nothing new is placed on a worker whose node the failure
    // detector marks unreachable, and its slots come back if it becomes reachable again. Its trials are requeued only
    // when the node is removed (downed by the split-brain resolver, or left): death watch then delivers the agent's
    // Terminated (OnTerminated), so an unreachable node that comes back loses nothing, and a trial never runs on two
    // live nodes at once.
    private void SubscribeToReachability()
    {
        if (((ExtendedActorSystem)Context.System).Provider is not IClusterActorRefProvider) return;
        Cluster.Get(Context.System).Subscribe(Self, InitialStateAsEvents, typeof(UnreachableMember), typeof(ReachableMember));
    }

    private void UnsubscribeFromReachability()
    {
        if (((ExtendedActorSystem)Context.System).Provider is IClusterActorRefProvider) Cluster.Get(Context.System).Unsubscribe(Self);
    }

    private void OnUnreachable(UnreachableMember e)
    {
        foreach (var workerId in WorkersAt(e.Member.Address))
        {
            Log.Warning("worker {Worker} is unreachable: no new trial goes there; its trials are requeued if it is removed", workerId);
            journal.Tell(new JournalNote("worker_unreachable", null, workerId));
            planner.Suspend(workerId);
        }
    }

    private void OnReachable(ReachableMember e)
    {
        var back = WorkersAt(e.Member.Address);
        foreach (var workerId in back)
        {
            journal.Tell(new JournalNote("worker_reachable", null, workerId));
            planner.Resume(workerId);
        }
        if (back.Count > 0) TryDispatch();
    }

    private List<string> WorkersAt(Address node) => [.. workers.Where(w => w.Key.Path.Address.Equals(node)).Select(w => w.Value)];
}
