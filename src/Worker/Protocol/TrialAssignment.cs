using Troupe.Training.Experiments;

namespace Troupe.Worker.Protocol;

/// <summary>
/// Everything a worker needs to train one trial, as plain values (it crosses the wire to a remote worker): the
/// registry model and the trial's flat parameters (Learner-level lr/wd/alpha/beta and the model's own), the data
/// (with the folder relative paths are resolved against), the fit (epochs, batch size, BPTT length, schedule), the
/// trial's training seed, whether steps must be reproducible bit for bit, and the intra-op threads of its slot(s);
/// whether layer groups are unfrozen gradually, and the pretrained artifact a fresh attempt starts from
/// (<see cref="InitFrom"/>: an absolute path the worker can read, as data paths are; an attempt resumed from a
/// checkpoint never reads its weights). <see cref="Group"/> makes it one replica of a data-parallel attempt (null: the
/// trial trains alone).
/// </summary>
public sealed record TrialAssignment(
    string TrialId,
    string Model,
    IReadOnlyDictionary<string, double> Params,
    DataSpec Data,
    string? DataBaseDirectory,
    ulong DataSeed,
    int Epochs,
    int BatchSize,
    int SeqLen,
    LrSchedule Schedule,
    ulong Seed,
    bool Deterministic,
    int Threads,
    UnfreezeKind Unfreeze = UnfreezeKind.None,
    string? InitFrom = null)
{
    /// <summary>This replica's rank, world size and rendezvous when the attempt is data-parallel; null for one replica.</summary>
    public ReplicaGroup? Group { get; init; }
}
