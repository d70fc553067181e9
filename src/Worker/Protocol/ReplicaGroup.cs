namespace Troupe.Worker.Protocol;

/// <summary>
/// One replica's place in a data-parallel group (a trial attempt trained by <see cref="WorldSize"/> model actors):
/// its <see cref="Rank"/> in [0, WorldSize), the group's id (the attempt's fencing token: a new attempt is a new
/// group), and the c10d TCPStore rendezvous that rank 0 serves at <see cref="RendezvousHost"/>:<see cref="RendezvousPort"/>.
/// <see cref="Timeout"/> bounds the rendezvous and every collective, so a dead peer fails the others instead of
/// hanging them. Only groups of two or more replicas exist; a one-replica trial has none.
/// </summary>
public sealed record ReplicaGroup
{
    /// <exception cref="ArgumentException">An empty id or host, a world below 2, a rank outside [0, world), a port outside [1, 65535] or a non-positive timeout.</exception>
    public ReplicaGroup(string groupId, int rank, int worldSize, string rendezvousHost, int rendezvousPort, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(rendezvousHost);
        if (worldSize < 2) throw new ArgumentOutOfRangeException(nameof(worldSize), $"ReplicaGroup: expected a world size >= 2, got {worldSize}");
        if (rank < 0 || rank >= worldSize) throw new ArgumentOutOfRangeException(nameof(rank), $"ReplicaGroup: expected a rank in [0, {worldSize}), got {rank}");
        if (rendezvousPort is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(rendezvousPort), $"ReplicaGroup: expected a rendezvous port in [1, 65535], got {rendezvousPort}");
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), $"ReplicaGroup: expected a positive timeout, got {timeout}");
        GroupId = groupId;
        Rank = rank;
        WorldSize = worldSize;
        RendezvousHost = rendezvousHost;
        RendezvousPort = rendezvousPort;
        Timeout = timeout;
    }

    public string GroupId { get; }

    public int Rank { get; }

    public int WorldSize { get; }

    public string RendezvousHost { get; }

    public int RendezvousPort { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Rank 0 reports the group's epochs and checkpoints; the others only train.</summary>
    public bool Leads => Rank == 0;

    /// <summary><c>host:port</c>.</summary>
    public string Rendezvous => $"{RendezvousHost}:{RendezvousPort}";
}
