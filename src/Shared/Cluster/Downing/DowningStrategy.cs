using Troupe.Cluster.Membership;

namespace Troupe.Cluster.Downing;

/// <summary>
/// Decides which side of a stable partition survives. Run by the leader of each side after the unreachable set
/// has stayed the same for the stable period (<see cref="SplitBrainResolver"/>); the sides decide without talking,
/// so a strategy must reach complementary decisions from complementary views.
/// </summary>
public abstract class DowningStrategy
{
    /// <summary>Members whose vote counts: Up or Leaving (Joining members are downed with their side but do not vote).</summary>
    protected static bool Counts(Member m) => m.Status is MemberStatus.Up or MemberStatus.Leaving;

    public abstract DowningDecision Decide(DowningView view);

    /// <summary>Reads a strategy name from configuration: <c>keep-majority</c> or <c>coordinator-decides</c>.</summary>
    public static DowningStrategy Parse(string name, string coordinatorRole = CoordinatorDecides.DefaultRole) => name switch
    {
        "keep-majority" => new KeepMajority(),
        "coordinator-decides" => new CoordinatorDecides(coordinatorRole),
        _ => throw new ArgumentException($"expected a downing strategy 'keep-majority' or 'coordinator-decides', got '{name}'"),
    };
}
