using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Scheduling;

/// <summary>
/// One event of a sweep's trial scheduler, in Ray Tune's TrialScheduler protocol: a trial's result at a time (1-based
/// epoch; <see cref="Result.Final"/> for its last epoch), a failed attempt, or its removal (stopped early or given up).
/// The coordinator journals each with the state it leads to, and <see cref="SweepScheduler.Apply"/> applies it, live
/// and on resume alike; <see cref="Kind"/> is its name in the journal's <c>events</c> table.
/// </summary>
internal abstract record SchedulerEvent(string TrialId)
{
    public abstract string Kind { get; }

    /// <summary>Time (1-based epoch) for a result, else null; the journal's <c>epoch</c> column.</summary>
    public virtual int? Time => null;

    /// <summary>A result: <see cref="Values"/> at <see cref="Time"/>; <see cref="Final"/>: the trial's last epoch (OnTrialComplete).</summary>
    internal sealed record Result(string TrialId, int At, IReadOnlyDictionary<string, double> Values, bool Final) : SchedulerEvent(TrialId)
    {
        public override string Kind => Final ? "final_result" : "result";

        public override int? Time => At;
    }

    /// <summary>An attempt of the trial failed; it may be retried from its checkpoint and report earlier times again.</summary>
    internal sealed record Errored(string TrialId) : SchedulerEvent(TrialId)
    {
        public override string Kind => "error";
    }

    /// <summary>The trial leaves the scheduler: stopped early or given up.</summary>
    internal sealed record Removed(string TrialId) : SchedulerEvent(TrialId)
    {
        public override string Kind => "removed";
    }

    /// <summary>The event a journal row holds.</summary>
    /// <exception cref="InvalidDataException">An unknown kind, or a result without its time or values.</exception>
    public static SchedulerEvent FromJournal(string kind, string trialId, int? time, IReadOnlyDictionary<string, double>? values) => kind switch
    {
        "result" or "final_result" => new Result(trialId,
            time ?? throw new InvalidDataException($"journal: expected the time of {trialId}'s {kind} event, got none"),
            values ?? throw new InvalidDataException($"journal: expected the values of {trialId}'s {kind} event, got none"),
            kind == "final_result"),
        "error" => new Errored(trialId),
        "removed" => new Removed(trialId),
        _ => throw new InvalidDataException($"journal: expected a scheduler event (result, final_result, error, removed), got '{kind}'"),
    };

    /// <summary>The journal kinds of scheduler events (every other event row is a note).</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["result", "final_result", "error", "removed"];
}
