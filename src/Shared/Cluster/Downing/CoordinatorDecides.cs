using Troupe.Cluster.Membership;

namespace Troupe.Cluster.Downing;

/// <summary>
/// The side holding the coordinator (the oldest counting member with the coordinator role) survives, however
/// small; the other side downs itself. Workers cut off from the coordinator cannot do useful work, so losing
/// them is the right call; a coordinator crash therefore takes every worker down with it (they rejoin when a
/// coordinator is back). With no coordinator member at all it falls back to <see cref="KeepMajority"/>.
/// </summary>
public sealed class CoordinatorDecides(string role = CoordinatorDecides.DefaultRole) : DowningStrategy
{
    public const string DefaultRole = "coordinator";

    private static readonly KeepMajority Fallback = new();

    public string Role { get; } = string.IsNullOrWhiteSpace(role) ? throw new ArgumentException("expected a coordinator role name, got an empty one", nameof(role)) : role;

    public override DowningDecision Decide(DowningView view)
    {
        if (view.Unreachable.IsEmpty) return DowningDecision.None;
        var candidates = view.Reachable.Concat(view.Unreachable).Where(m => m.HasRole(Role)).ToList();
        if (candidates.Count == 0) return Fallback.Decide(view);
        var counting = candidates.Where(Counts).ToList();
        var pool = counting.Count > 0 ? counting : candidates;
        var coordinator = pool.Aggregate((a, b) => b.IsOlderThan(a) ? b : a);
        return view.Reachable.Contains(coordinator) ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
    }
}
