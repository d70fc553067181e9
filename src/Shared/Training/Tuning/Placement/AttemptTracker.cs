namespace Troupe.Training.Tuning;

/// <summary>
/// Fencing for trial reports: tracks each trial's current attempt and accepts a report only from that attempt while
/// it is live. <see cref="Begin"/> starts attempt n+1 and thereby fences every earlier one; <see cref="End"/> fences
/// the current one too. A pure state class: the coordinator journals a new attempt before it calls <see cref="Begin"/>'s
/// token into use, and a resumed coordinator calls <see cref="Restore"/> with the journal's last attempt numbers.
/// </summary>
public sealed class AttemptTracker
{
    private readonly Dictionary<string, (int Attempt, bool Live)> trials = new(StringComparer.Ordinal);

    /// <summary>Starts a new attempt of <paramref name="trialId"/> (1 for the first) and returns its token.</summary>
    public FencingToken Begin(string trialId)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        var next = trials.TryGetValue(trialId, out var t) ? t.Attempt + 1 : 1;
        trials[trialId] = (next, true);
        return new FencingToken(trialId, next);
    }

    /// <summary>Ends the attempt <paramref name="token"/> names if it is the live one; true when it was.</summary>
    public bool End(FencingToken token)
    {
        if (!Check(token).Accepted) return false;
        trials[token.TrialId] = (token.Attempt, false);
        return true;
    }

    /// <summary>The live attempt of <paramref name="trialId"/>, or null when none is live.</summary>
    public FencingToken? Current(string trialId) =>
        trials.TryGetValue(trialId, out var t) && t.Live ? new FencingToken(trialId, t.Attempt) : null;

    /// <summary>How many attempts of <paramref name="trialId"/> were begun (0 when none).</summary>
    public int Attempts(string trialId) => trials.TryGetValue(trialId, out var t) ? t.Attempt : 0;

    /// <summary>Sets a trial's attempt count from the journal, no attempt live: the next <see cref="Begin"/> is attempt <paramref name="attempts"/> + 1.</summary>
    public void Restore(string trialId, int attempts)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        if (attempts == 0) trials.Remove(trialId);
        else trials[trialId] = (attempts, false);
    }

    /// <summary>Whether a report carrying <paramref name="token"/> may be acted on, and if not, why.</summary>
    public FenceVerdict Check(FencingToken token)
    {
        if (token.TrialId is null) throw new ArgumentException("AttemptTracker: expected a fencing token, got default", nameof(token));
        if (!trials.TryGetValue(token.TrialId, out var t))
            return new FenceVerdict(token, FenceRejection.UnknownTrial, $"report from {token} ignored: no attempt of {token.TrialId} was begun");
        if (token.Attempt < t.Attempt)
            return new FenceVerdict(token, FenceRejection.StaleAttempt, $"report from {token} ignored: stale attempt, the current one is #{t.Attempt}");
        if (token.Attempt > t.Attempt)
            return new FenceVerdict(token, FenceRejection.FutureAttempt, $"report from {token} ignored: attempt #{token.Attempt} was never begun (latest #{t.Attempt})");
        if (!t.Live)
            return new FenceVerdict(token, FenceRejection.AttemptEnded, $"report from {token} ignored: the attempt has already ended");
        return new FenceVerdict(token, FenceRejection.None, $"report from {token} accepted");
    }
}
