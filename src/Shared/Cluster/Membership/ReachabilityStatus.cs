namespace Troupe.Cluster.Membership;

public enum ReachabilityStatus
{
    Reachable,
    Unreachable,
}
