using Troupe.Actors;
using Troupe.Training.Experiments;

namespace Troupe.Coordinator.Placement;

/// <summary>
/// The coordinator's placement child: thin over a <see cref="GangPlanner"/> (worker slots, gang placement spread over
/// workers, elastic shrinking, rendezvous ports), plus each worker's agent ref, so every replica goes where its slots
/// are. A worker's host is its agent's address host (127.0.0.1 for in-process workers).
/// </summary>
internal sealed class PlacementActor : ReceiveActor
{
    private readonly Dictionary<string, IActorRef> agents = new(StringComparer.Ordinal);

    public PlacementActor(ResourcesSpec resources, int batchSize, TimeSpan shrinkAfter, Func<int> freePort)
    {
        var planner = new GangPlanner(resources, batchSize, shrinkAfter, freePort);
        Receive<AdvertiseWorker>(m =>
        {
            planner.AdvertiseWorker(m.WorkerId, m.Slots, m.Agent.Path.Address.Host ?? "127.0.0.1", m.Device);
            agents[m.WorkerId] = m.Agent;
        });
        Receive<PlaceTrial>(m =>
        {
            var d = planner.Place(m.TrialId, DateTime.UtcNow);
            if (d.Placed is not { } gang)
            {
                Sender.Tell(new PlacementRefused(m.TrialId, d.Wanted, d.CanEverFit, d.RetryAt, d.FreeSlots, d.TotalSlots, d.DeviceOffered));
                return;
            }
            Sender.Tell(new SlotsReserved(m.TrialId, gang, [.. gang.Placement.Replicas.Select(r => agents[r.WorkerId])]));
        });
        Receive<ReleaseTrial>(m => planner.Release(m.TrialId, m.Failed));
        Receive<RemoveWorker>(m =>
        {
            var evicted = planner.RemoveWorker(m.WorkerId);
            agents.Remove(m.WorkerId);
            Sender.Tell(new WorkerRemoved(m.WorkerId, [.. evicted.Select(p => p.TrialId)]));
        });
    }
}
