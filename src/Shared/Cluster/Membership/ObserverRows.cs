using System.Collections.Immutable;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership;

/// <summary>One observer's part of <see cref="Reachability"/>: its version and the subjects it finds unreachable.</summary>
public sealed record ObserverRows(long Version, ImmutableSortedSet<UniqueAddress> Unreachable)
{
    public static ObserverRows Empty { get; } = new(0, ImmutableSortedSet<UniqueAddress>.Empty);
}
