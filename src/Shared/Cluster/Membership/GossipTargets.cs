using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership;

/// <summary>
/// Whom to gossip to next (Akka's choice): a random member this node can reach, preferring, with probability
/// <see cref="DifferentViewProbability"/>, one that has not seen the current view yet. Pure apart from the
/// injected random source.
/// </summary>
public sealed class GossipTargets(Random random)
{
    /// <summary>Akka's <c>gossip-different-view-probability</c>.</summary>
    public const double DifferentViewProbability = 0.8;

    private readonly Random _random = random ?? throw new ArgumentNullException(nameof(random));

    /// <summary>The next gossip target, or null when no other member is reachable.</summary>
    public UniqueAddress? Pick(MembershipState state, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(state);
        var unreachable = state.Unreachable.Select(m => m.Node).ToHashSet();
        var candidates = state.Members.Keys.Where(n => n != self && !unreachable.Contains(n)).ToList();
        if (candidates.Count == 0) return null;
        var unseen = candidates.Where(n => !state.SeenBy.Contains(n)).ToList();
        var pool = unseen.Count > 0 && _random.NextDouble() < DifferentViewProbability ? unseen : candidates;
        return pool[_random.Next(pool.Count)];
    }

    /// <summary>Whether a node that merged <paramref name="received"/> into <paramref name="merged"/> should gossip back: the sender lacks something.</summary>
    public static bool ShouldReply(MembershipState received, MembershipState merged) =>
        !merged.ContentEquals(received) || !received.SeenBy.IsSupersetOf(merged.SeenBy);
}
