using Akka.Actor;
using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Training.Transfer;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Journal;

/// <summary>
/// The coordinator's journal writer: owns the run's <see cref="RunJournal"/> (SQLite and checkpoint files, and the
/// best trial's artifacts at the end) and answers each write once it is committed. A failing write is not caught: the coordinator stops this child on any
/// failure and ends the sweep, since it must not act on what it could not journal.
/// </summary>
internal sealed class JournalWriter : ReceiveActor
{

    private readonly RunJournal journal;

    public JournalWriter(string runDirectory, ExperimentSpec spec, string? specBaseDirectory)
    {
        journal = RunJournal.Open(runDirectory);
        // A transfer cut short by this process's end left only an unindexed file or part file there.
        CheckpointFiles.ClearIncoming(runDirectory);
        Receive<BeginExperiment>(m =>
        {
            journal.BeginExperiment(spec, specBaseDirectory, m.Trials, m.Interrupted);
            Sender.Tell(new ExperimentBegun());
        });
        Receive<JournalAttemptStart>(m =>
        {
            journal.StartAttempt(m.Fence, m.WorkerId, m.StartEpoch, m.Replicas, m.Rendezvous);
            var checkpoint = m.StartEpoch > 0 && journal.LatestCheckpoint(m.Fence.TrialId) is { } path ? Path.Combine(journal.RunDirectory, path) : null;
            Sender.Tell(new AttemptJournaled(m.Fence, checkpoint));
        });
        Receive<JournalEpoch>(m =>
        {
            journal.RecordEpoch(m.Fence, m.Metrics, m.ReceivedCheckpoint, m.Metric, m.IsBest, m.Decision, m.Final, m.Status, m.Events);
            Sender.Tell(new EpochJournaled(m.Fence, m.Metrics.Epoch));
        });
        Receive<JournalAttemptEnd>(m =>
        {
            journal.EndAttempt(m.Fence, m.Outcome, m.Reason, m.Status, m.Events);
            Sender.Tell(new AttemptEndJournaled(m.Fence));
        });
        Receive<JournalNote>(m => journal.Note(m.Kind, m.Fence, m.Detail));
        Receive<JournalFinish>(m =>
        {
            if (m.Best is { } best) ExportArtifacts(spec, best);
            journal.FinishExperiment(m.State);
            Sender.Tell(new ExperimentFinishJournaled());
        });
    }

    protected override void PostStop() => journal.Dispose();

    // Written before the journal says finished: a sweep that stops in between is finished again on resume, artifacts included.
    private void ExportArtifacts(ExperimentSpec spec, TrialConfig best)
    {
        if (!TrialArtifacts.HasArtifacts(spec.Model) || journal.BestCheckpoint(best.TrialId) is not { } relative) return;
        var folder = Path.Combine(journal.RunDirectory, TrialArtifacts.BestFolder);
        TrialArtifacts.Export(CheckpointFiles.Read(journal.RunDirectory, relative), spec.Model, TrialAssignments.Numbers(best.Params), folder);
        journal.Note("artifacts", null, $"{best.TrialId} ({relative}) -> {TrialArtifacts.BestFolder}/");
    }
}
