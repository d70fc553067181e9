namespace Troupe.Cluster.Downing;

/// <summary>
/// The side with more counting (Up/Leaving) members survives; on a tie, the side holding the lowest address
/// among them. Both sides compute the same counts and the same lowest address, so exactly one side survives.
/// </summary>
public sealed class KeepMajority : DowningStrategy
{
    public override DowningDecision Decide(DowningView view)
    {
        if (view.Unreachable.IsEmpty) return DowningDecision.None;
        var mine = view.Reachable.Where(Counts).ToList();
        var theirs = view.Unreachable.Where(Counts).ToList();
        if (mine.Count + theirs.Count == 0) return DowningDecision.None;
        if (mine.Count != theirs.Count) return mine.Count > theirs.Count ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
        var lowest = mine.Concat(theirs).MinBy(m => m.Node)!;
        return mine.Contains(lowest) ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
    }
}
