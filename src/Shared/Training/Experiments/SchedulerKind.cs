namespace Troupe.Training.Experiments;

/// <summary>The spec's <c>scheduler.kind</c>.</summary>
public enum SchedulerKind
{
    Fifo,
    Asha,
    Median,
}
