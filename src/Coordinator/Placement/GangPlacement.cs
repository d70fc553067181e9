using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Placement;

/// <summary>
/// A placed gang: every replica's slots (<see cref="Placement"/>, by rank), each replica's host (<see cref="Hosts"/>,
/// by rank), and for two or more replicas the rendezvous rank 0 serves (its host and a port picked for this group);
/// <see cref="RendezvousPort"/> is 0 for a one-replica trial, which forms no group.
/// </summary>
internal sealed record GangPlacement(TrialPlacement Placement, IReadOnlyList<string> Hosts, string RendezvousHost, int RendezvousPort)
{
    public int WorldSize => Placement.Replicas.Count;

    public bool IsGroup => WorldSize > 1;
}
