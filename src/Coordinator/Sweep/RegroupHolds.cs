namespace Troupe.Coordinator.Sweep;

/// <summary>
/// Data-parallel trials that wait before they regroup, as a pure state class. When a replica reports that its group
/// failed (a collective lost its peer), the coordinator cannot tell which peer died: a killed worker's process is
/// gone at once, but the failure detector marks it unreachable only seconds later, and a group placed on it meanwhile
/// would wait out its rendezvous timeout and burn a retry. So the trial is held until every other worker of the old
/// group has proved alive (answered a probe) or left the cluster, or until the hold's deadline passes. Times are
/// passed in, so decisions are reproducible.
/// </summary>
internal sealed class RegroupHolds
{
    private readonly Dictionary<string, Hold> holds = new(StringComparer.Ordinal);
    private long generation;

    /// <summary>Holds <paramref name="trialId"/> until each of <paramref name="suspects"/> is cleared or <paramref name="until"/> passes (none: no hold).</summary>
    /// <returns>The hold's generation (increasing with every call): what the probes sent for it carry.</returns>
    public long Place(string trialId, IEnumerable<string> suspects, DateTime until)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        ArgumentNullException.ThrowIfNull(suspects);
        var set = new HashSet<string>(suspects, StringComparer.Ordinal);
        var placed = ++generation;
        if (set.Count == 0) holds.Remove(trialId);
        else holds[trialId] = new Hold(set, until, placed);
        return placed;
    }

    /// <summary>
    /// Worker <paramref name="workerId"/> left the cluster, or answered a probe sent for the hold of generation
    /// <paramref name="placedUpTo"/>: it holds no trial placed up to then any more. A later hold keeps waiting for it,
    /// since that answer may predate the failure the later hold is about.
    /// </summary>
    /// <returns>Whether that released a trial (it may be placed now).</returns>
    public bool Clear(string workerId, long placedUpTo = long.MaxValue)
    {
        var released = false;
        foreach (var (trialId, hold) in holds.ToList())
        {
            if (hold.Generation > placedUpTo || !hold.Suspects.Remove(workerId) || hold.Suspects.Count > 0) continue;
            holds.Remove(trialId);
            released = true;
        }
        return released;
    }

    /// <summary>Whether <paramref name="trialId"/> still waits for a suspect at <paramref name="now"/> (a hold past its deadline is dropped).</summary>
    public bool IsHeld(string trialId, DateTime now)
    {
        if (!holds.TryGetValue(trialId, out var hold)) return false;
        if (now < hold.Until) return true;
        holds.Remove(trialId);
        return false;
    }

    /// <summary>When the hold of <paramref name="trialId"/> ends at the latest, or null when it is not held.</summary>
    public DateTime? DeadlineOf(string trialId) => holds.TryGetValue(trialId, out var hold) ? hold.Until : null;

    /// <summary>The workers <paramref name="trialId"/> still waits for (empty when it is not held).</summary>
    public IReadOnlyCollection<string> SuspectsOf(string trialId) => holds.TryGetValue(trialId, out var hold) ? [.. hold.Suspects] : [];

    private sealed record Hold(HashSet<string> Suspects, DateTime Until, long Generation);
}
