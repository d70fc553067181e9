using Troupe.Actors;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Sweep;

/// <summary>One trial as the coordinator tracks it (mutated only by <see cref="TrialTable"/>).</summary>
internal sealed class TrialEntry(TrialConfig config)
{
    public TrialConfig Config { get; } = config;

    public string Id => Config.TrialId;

    public TrialStatus Status { get; set; } = TrialStatus.Pending;

    /// <summary>The worker of the latest attempt.</summary>
    public string? Worker { get; set; }

    /// <summary>The live attempt, or null.</summary>
    public FencingToken? Live { get; set; }

    /// <summary>Whether the live attempt reported a batch yet (it trains, past loading its checkpoint).</summary>
    public bool Training { get; set; }

    /// <summary>The live attempt's model actor, once it started.</summary>
    public IActorRef? ModelActor { get; set; }

    /// <summary>The epoch the latest checkpoint resumes at (null: none, start from scratch).</summary>
    public int? CheckpointEpoch { get; set; }

    /// <summary>Epochs done so far (by the latest accepted report).</summary>
    public int EpochsDone { get; set; }

    public double? Best { get; set; }

    public double? LastMetric { get; set; }

    public bool Terminal => Status is TrialStatus.Completed or TrialStatus.Stopped or TrialStatus.Failed;
}
