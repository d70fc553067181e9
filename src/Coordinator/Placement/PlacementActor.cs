using Troupe.Actors;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Placement;

/// <summary>
/// The coordinator's placement child: the slots workers advertise, as a <see cref="SlotPlacement"/> (gang
/// placement, spread over workers), and each worker's agent ref, so a placed trial goes where a slot is free.
/// </summary>
internal sealed class PlacementActor : ReceiveActor
{
    private readonly SlotPlacement slots = new();
    private readonly Dictionary<string, IActorRef> agents = new(StringComparer.Ordinal);

    public PlacementActor()
    {
        Receive<AdvertiseWorker>(m =>
        {
            slots.AdvertiseWorker(m.WorkerId, m.Slots);
            agents[m.WorkerId] = m.Agent;
        });
        Receive<PlaceTrial>(m =>
        {
            var placed = slots.TryPlace(m.Request);
            if (placed is null)
            {
                Sender.Tell(new PlacementRefused(m.Request.TrialId, slots.CanEverFit(m.Request), slots.FreeSlots, slots.TotalSlots));
                return;
            }
            var worker = placed.Replicas[0].WorkerId;
            Sender.Tell(new SlotsReserved(m.Request.TrialId, worker, agents[worker]));
        });
        Receive<ReleaseTrial>(m => slots.Release(m.TrialId));
        Receive<RemoveWorker>(m =>
        {
            var evicted = slots.RemoveWorker(m.WorkerId);
            agents.Remove(m.WorkerId);
            Sender.Tell(new WorkerRemoved(m.WorkerId, [.. evicted.Select(p => p.TrialId)]));
        });
    }
}
