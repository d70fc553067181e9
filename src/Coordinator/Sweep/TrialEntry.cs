using Akka.Actor;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Sweep;

/// <summary>One trial as the coordinator tracks it (mutated only by <see cref="TrialTable"/>).</summary>
internal sealed class TrialEntry(TrialConfig config)
{
    public TrialConfig Config { get; } = config;

    public string Id => Config.TrialId;

    public TrialStatus Status { get; set; } = TrialStatus.Pending;

    /// <summary>The worker of the latest attempt (rank 0's for a data-parallel one).</summary>
    public string? Worker { get; set; }

    /// <summary>The workers of the live attempt's replicas, by rank (one for a trial trained alone; empty when none is live).</summary>
    public IReadOnlyList<string> Workers { get; set; } = [];

    /// <summary>The live attempt, or null.</summary>
    public FencingToken? Live { get; set; }

    /// <summary>Whether the live attempt reported a batch yet (it trains, past loading its checkpoint).</summary>
    public bool Training { get; set; }

    /// <summary>The live attempt's model actors that said they started (every replica's, for a data-parallel one).</summary>
    public List<IActorRef> ModelActors { get; } = [];

    /// <summary>The worker each of <see cref="ModelActors"/> runs on, where known (its agent said so, or the attempt has one worker).</summary>
    public Dictionary<IActorRef, string> ModelWorkers { get; } = [];

    /// <summary>Replica actors (rank ≥ 1) of the live attempt that ended their fit normally: their stop is no failure.</summary>
    public HashSet<IActorRef> FinishedReplicas { get; } = [];

    /// <summary>The live attempt's first model actor (the only one of a trial trained alone), once it started.</summary>
    public IActorRef? ModelActor => ModelActors.Count == 0 ? null : ModelActors[0];

    /// <summary>The epoch the latest checkpoint resumes at (null: none, start from scratch).</summary>
    public int? CheckpointEpoch { get; set; }

    /// <summary>Epochs done so far (by the latest accepted report).</summary>
    public int EpochsDone { get; set; }

    public double? Best { get; set; }

    public bool Terminal => Status is TrialStatus.Completed or TrialStatus.Stopped or TrialStatus.Failed;
}
