using System.Globalization;
using System.Text.Json;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// The log lines of data-parallel events: <c>group</c> (formation: ranks, workers, hosts, rendezvous),
/// <c>replicas</c> (per-replica tokens/s of one epoch; the epoch's metrics are the trial's usual row) and
/// <c>blocked</c> (a gang no worker set can hold) and <c>regroup</c> (a failed group waits for its peers to prove alive);
/// as text for <see cref="SweepLog"/> and as JSON fields for <see cref="SweepJson"/> (events group_formed,
/// replica_throughput, group_blocked, regroup_held).
/// </summary>
internal static class DataParallelLog
{
    public static string? Text(SweepEvent e) => e switch
    {
        GroupFormed g => $"group   {g.Fence}: {g.Replicas.Count} replicas, rendezvous {g.RendezvousHost}:{g.RendezvousPort.ToString(CultureInfo.InvariantCulture)}; "
            + string.Join(", ", g.Replicas.Select(r => $"rank {r.Rank} on {r.WorkerId} ({r.Host})")),
        ReplicaThroughputReported t => $"replicas {t.Fence} epoch {t.Epoch}: "
            + string.Join(", ", t.Replicas.Select(r => string.Create(CultureInfo.InvariantCulture, $"rank {r.Rank} on {r.WorkerId} {r.TokensPerSecond:F0} tok/s (comm {r.CommShare * 100:F0}%)")))
            + string.Create(CultureInfo.InvariantCulture, $"; group {t.GroupTokensPerSecond:F0} tok/s"),
        GroupBlocked b => $"blocked {b.TrialId} needs {b.Replicas} replicas of {b.SlotsPerReplica} slot{(b.SlotsPerReplica == 1 ? "" : "s")} on distinct slots; "
            + $"the cluster has {b.TotalSlots} slots in all (waiting for more workers)",
        RegroupHeld h => $"regroup {h.Fence}: a replica lost its group; the next group waits until {string.Join(", ", h.Suspects)} "
            + string.Create(CultureInfo.InvariantCulture, $"answer{(h.Suspects.Count == 1 ? "s" : "")} or leave{(h.Suspects.Count == 1 ? "s" : "")} (at most {h.Bound.TotalSeconds:F0} s)"),
        _ => null,
    };

    /// <summary>Writes the event's JSON fields; false when <paramref name="e"/> is not a data-parallel event.</summary>
    public static bool TryWrite(Utf8JsonWriter w, SweepEvent e)
    {
        switch (e)
        {
            case GroupFormed g:
                Trial(w, "group_formed", g.Fence);
                w.WriteNumber("world_size", g.Replicas.Count);
                w.WriteString("rendezvous", $"{g.RendezvousHost}:{g.RendezvousPort.ToString(CultureInfo.InvariantCulture)}");
                w.WriteStartArray("replicas");
                foreach (var r in g.Replicas)
                {
                    w.WriteStartObject();
                    w.WriteNumber("rank", r.Rank);
                    w.WriteString("worker", r.WorkerId);
                    w.WriteString("host", r.Host);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                return true;
            case ReplicaThroughputReported t:
                Trial(w, "replica_throughput", t.Fence);
                w.WriteNumber("epoch", t.Epoch);
                w.WriteNumber("group_tokens_per_second", Math.Round(t.GroupTokensPerSecond, 1));
                w.WriteStartArray("replicas");
                foreach (var r in t.Replicas)
                {
                    w.WriteStartObject();
                    w.WriteNumber("rank", r.Rank);
                    w.WriteString("worker", r.WorkerId);
                    w.WriteNumber("tokens_per_second", Math.Round(r.TokensPerSecond, 1));
                    w.WriteNumber("comm_share", Math.Round(r.CommShare, 4));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                return true;
            case RegroupHeld h:
                Trial(w, "regroup_held", h.Fence);
                w.WriteStartArray("suspects");
                foreach (var s in h.Suspects) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteNumber("bound_seconds", h.Bound.TotalSeconds);
                return true;
            case GroupBlocked b:
                w.WriteString("event", "group_blocked");
                w.WriteString("trial", b.TrialId);
                w.WriteNumber("replicas", b.Replicas);
                w.WriteNumber("slots_per_replica", b.SlotsPerReplica);
                w.WriteNumber("total_slots", b.TotalSlots);
                return true;
            default:
                return false;
        }
    }

    private static void Trial(Utf8JsonWriter w, string kind, Troupe.Training.Tuning.FencingToken fence)
    {
        w.WriteString("event", kind);
        w.WriteString("trial", fence.TrialId);
        w.WriteNumber("attempt", fence.Attempt);
    }
}
