using Troupe.Coordinator.Scheduling;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Journal;

/// <summary>
/// What a journal holds, read back for a resume: the experiment (spec text and where relative paths resolve), every
/// trial's state, every accepted epoch report in order (a data-parallel one with its replicas' throughput), the
/// replicas' throughput per epoch with their workers, and the scheduler events in journal order (<see cref="SweepScheduler"/> replays them).
/// </summary>
internal sealed record JournalSnapshot(
    string Name,
    string SpecSource,
    string SpecText,
    string? SpecBaseDirectory,
    string State,
    IReadOnlyList<JournalTrial> Trials,
    IReadOnlyList<JournalMetric> Metrics,
    IReadOnlyList<SchedulerEvent> Replay,
    IReadOnlyList<JournalReplicaMetric> ReplicaMetrics)
{
    public bool Finished => State == "finished";

    public JournalTrial? Trial(string trialId) => Trials.FirstOrDefault(t => t.TrialId == trialId);
}

/// <summary>One trial in the journal; <see cref="LiveAttempt"/> is an attempt that never ended (the coordinator died first).</summary>
internal sealed record JournalTrial(
    string TrialId,
    int Index,
    ParamSet Params,
    ulong Seed,
    TrialStatus Status,
    string? Worker,
    int Attempts,
    int Failures,
    int? LiveAttempt,
    int? LatestCheckpointEpoch,
    double? BestMetric,
    int? BestEpoch);

/// <summary>An accepted epoch report, in journal order (<c>Metrics.Replicas</c> filled for a data-parallel attempt).</summary>
internal sealed record JournalMetric(long Seq, string TrialId, int Attempt, EpochMetrics Metrics);

/// <summary>
/// One replica's training pass in an accepted epoch of a data-parallel attempt: its rank and worker, the tokens it
/// trained on, wall and allreduce seconds, tokens/s and the allreduce share of the pass (<see cref="CommFraction"/> in [0, 1]).
/// </summary>
internal sealed record JournalReplicaMetric(
    string TrialId, int Attempt, int Epoch, int Rank, string Worker, long Tokens, double TrainSeconds, double CommSeconds, double TokensPerSecond, double CommFraction);
