namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// A trial as the live table shows it: the coordinator's statuses, plus <see cref="Lost"/> (its worker is gone and
/// the attempt is not closed yet), <see cref="Retrying"/> (a failed attempt; it waits for a slot to restart from its
/// checkpoint) and <see cref="Blocked"/> (the cluster lacks the slots, distinct slots for its replicas, or the device kind it needs).
/// </summary>
internal enum TrialRowStatus
{
    Pending,
    Running,
    Lost,
    Retrying,
    Blocked,
    Paused,
    Completed,
    Stopped,
    Failed,
}
