namespace Troupe.Cluster.Membership;

/// <summary>
/// A member's lifecycle: Joining → Up → Leaving → Exiting → Removed, or Down from any state (then Removed).
/// The numeric order is the merge precedence: when two views disagree, the later status wins, which makes
/// the member table a join-semilattice (merges commute and never go backwards).
/// </summary>
public enum MemberStatus
{
    Joining = 0,
    Up = 1,
    Leaving = 2,
    Exiting = 3,
    Down = 4,
    Removed = 5,
}
