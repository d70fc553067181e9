namespace Troupe.Training.Tuning;

/// <summary>
/// The spec's <c>retries</c>, per trial (Ray's FailureConfig.max_failures): a trial may fail <see cref="Retries"/>
/// times and still be retried; the next failure gives it up. Every failed attempt counts, whatever the cause (model
/// actor crash or lost worker); stops, pauses and completions do not.
/// </summary>
public sealed class RetryBudget
{
    private readonly Dictionary<string, int> failures = new(StringComparer.Ordinal);

    public RetryBudget(int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        Retries = retries;
    }

    public int Retries { get; }

    /// <summary>Counts a failure of <paramref name="trialId"/> and says whether to retry it.</summary>
    public RetryDecision OnFailure(string trialId)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        var count = failures.GetValueOrDefault(trialId) + 1;
        failures[trialId] = count;
        return count <= Retries ? RetryDecision.Retry : RetryDecision.GiveUp;
    }

    public int Failures(string trialId) => failures.GetValueOrDefault(trialId);

    /// <summary>Retries left to <paramref name="trialId"/> (0 once given up).</summary>
    public int Remaining(string trialId) => Math.Max(0, Retries - Failures(trialId));

    /// <summary>Sets a trial's failure count from the journal.</summary>
    public void Restore(string trialId, int failureCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(failureCount);
        failures[trialId] = failureCount;
    }
}
