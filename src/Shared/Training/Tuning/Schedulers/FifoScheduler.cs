namespace Troupe.Training.Tuning;

/// <summary>Runs every trial to the end in the order they were added (Ray's FIFOScheduler): never pauses or stops.</summary>
internal class FifoScheduler(string metric, MetricMode mode) : TrialScheduler(metric, mode)
{
    public override TrialDecision OnTrialResult(string trialId, TrialResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        ArgumentNullException.ThrowIfNull(result);
        return TrialDecision.Continue;
    }

    public override string DebugString() => "FIFO: every trial runs to the end";
}
