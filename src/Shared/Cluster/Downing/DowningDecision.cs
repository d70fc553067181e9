namespace Troupe.Cluster.Downing;

/// <summary>What a downing strategy decides for a stable partition, from one side's point of view.</summary>
public enum DowningDecision
{
    /// <summary>Nothing is unreachable, or no member counts.</summary>
    None,
    /// <summary>This side survives: down every unreachable member.</summary>
    DownUnreachable,
    /// <summary>This side loses: down every reachable member, this node included (they shut themselves down).</summary>
    DownReachable,
}
