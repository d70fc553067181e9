using System.Globalization;
using Troupe.Coordinator.Reporting.Live;

namespace Troupe.Coordinator.Reporting;

// Data-parallel events (see SweepEventFormats.cs): group formation (ranks, workers, hosts, rendezvous), per-replica
// tokens/s of one epoch (the epoch's metrics are the trial's usual row), a gang no worker set can hold, and a failed
// group waiting for its peers to prove alive.
internal static partial class SweepEventFormats
{
    private static IEnumerable<SweepEventFormat> DataParallel() =>
    [
        SweepEventFormat.Of<GroupFormed>(
            "group_formed",
            (g, _) => $"group   {g.Fence}: {g.Replicas.Count} replicas, rendezvous {g.RendezvousHost}:{g.RendezvousPort.ToString(CultureInfo.InvariantCulture)}; "
                + string.Join(", ", g.Replicas.Select(r => $"rank {r.Rank} on {r.WorkerId} ({r.Host})")),
            (w, g, _) =>
            {
                SweepJson.Fence(w, g.Fence);
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
            },
            note: SweepNote.Line),
        SweepEventFormat.Of<ReplicaThroughputReported>(
            "replica_throughput",
            (t, _) => $"replicas {t.Fence} epoch {t.Epoch}: "
                + string.Join(", ", t.Replicas.Select(r => string.Create(CultureInfo.InvariantCulture, $"rank {r.Rank} on {r.WorkerId} {r.TokensPerSecond:F0} tok/s (comm {r.CommShare * 100:F0}%)")))
                + string.Create(CultureInfo.InvariantCulture, $"; group {t.GroupTokensPerSecond:F0} tok/s"),
            (w, t, _) =>
            {
                SweepJson.Fence(w, t.Fence);
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
            },
            note: SweepNote.Line),
        SweepEventFormat.Of<GroupBlocked>(
            "group_blocked",
            (b, _) => $"blocked {b.TrialId} needs {b.Replicas} replicas of {b.SlotsPerReplica} slot{(b.SlotsPerReplica == 1 ? "" : "s")} on distinct slots; "
                + $"the cluster has {b.TotalSlots} slots in all (waiting for more workers)",
            (w, b, _) =>
            {
                w.WriteString("trial", b.TrialId);
                w.WriteNumber("replicas", b.Replicas);
                w.WriteNumber("slots_per_replica", b.SlotsPerReplica);
                w.WriteNumber("total_slots", b.TotalSlots);
            },
            note: SweepNote.Warning,
            board: (board, b) => board.End(b.TrialId, TrialRowStatus.Blocked,
                $"needs {b.Replicas} replicas of {b.SlotsPerReplica} slot{(b.SlotsPerReplica == 1 ? "" : "s")} on distinct slots, the cluster has {b.TotalSlots}")),
        SweepEventFormat.Of<RegroupHeld>(
            "regroup_held",
            (h, _) => $"regroup {h.Fence}: a replica lost its group; the next group waits until {string.Join(", ", h.Suspects)} "
                + string.Create(CultureInfo.InvariantCulture, $"answer{(h.Suspects.Count == 1 ? "s" : "")} or leave{(h.Suspects.Count == 1 ? "s" : "")} (at most {h.Bound.TotalSeconds:F0} s)"),
            (w, h, _) =>
            {
                SweepJson.Fence(w, h.Fence);
                w.WriteStartArray("suspects");
                foreach (var s in h.Suspects) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteNumber("bound_seconds", h.Bound.TotalSeconds);
            },
            note: SweepNote.Line),
    ];
}
