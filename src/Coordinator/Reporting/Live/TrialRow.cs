namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// One trial's row of the live table (immutable; <see cref="TrialBoard"/> replaces it on every change):
/// <see cref="Attempt"/> is 0 before the first placement, <see cref="EpochsDone"/> counts accepted epochs of the live
/// attempt's curve (a restart begins at its checkpoint's epoch), the losses and accuracy are the latest accepted
/// epoch's, <see cref="Batch"/> is the running pass's position in [0, 1] (null between passes), <see cref="Detail"/>
/// says why a trial waits or failed, and <see cref="Changed"/> orders rows by their last change.
/// </summary>
internal sealed record TrialRow(
    string TrialId,
    int Index,
    string Params,
    TrialRowStatus Status,
    int Attempt,
    int EpochsDone,
    double? TrainLoss,
    double? ValidLoss,
    double? Accuracy,
    string? Worker,
    double? Batch,
    bool Validating,
    string? Detail,
    long Changed)
{
    /// <summary>Completed, stopped early or failed: the trial will not run again.</summary>
    public bool Terminal => Status is TrialRowStatus.Completed or TrialRowStatus.Stopped or TrialRowStatus.Failed;

    /// <summary>Running, or between a lost attempt and its restart: what a watcher looks at first.</summary>
    public bool Active => Status is TrialRowStatus.Running or TrialRowStatus.Lost or TrialRowStatus.Retrying or TrialRowStatus.Blocked;
}
