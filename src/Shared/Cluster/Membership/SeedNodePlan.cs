using System.Collections.Immutable;
using Troupe.Actors;

namespace Troupe.Cluster.Membership;

/// <summary>
/// How a node joins through its seed list (Akka's seed-node processes). The first seed asks the other seeds and
/// forms a new cluster by joining itself when none answers within the seed-node timeout (at once when it is the
/// only seed); any other node asks every seed but itself, again and again, and joins the first that acknowledges.
/// </summary>
public sealed record SeedNodePlan(ImmutableArray<Address> Seeds, Address Self)
{
    public bool IsFirstSeed => !Seeds.IsEmpty && Seeds[0].Equals(Self);

    /// <summary>The seeds to send InitJoin to.</summary>
    public ImmutableArray<Address> Contacts => [.. Seeds.Where(s => !s.Equals(Self))];

    /// <summary>The first seed with nobody else to ask forms the cluster immediately.</summary>
    public bool JoinSelfImmediately => IsFirstSeed && Contacts.IsEmpty;

    /// <summary>Only the first seed may form a cluster on its own, after the timeout.</summary>
    public bool MayJoinSelf => IsFirstSeed;
}
