using Akka.Actor;
using Akka.Event;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Placement;
using Troupe.Coordinator.Reporting;
using Troupe.Node.Transfer;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Sweep;

// The coordinator's only asynchrony: a decision is journaled (or its checkpoint moved) before it is acted on. Each
// wait is a named behaviour stacked over the receiving one, holding what it continues with as data: it takes its one
// answer, stashes every other message (so each report is handled to the end before the next), serves who listens
// (that changes no decision, and an early subscriber hears SweepStarted too) and ends the sweep if a child dies.
// Leaving a wait pops it and unstashes before the continuation runs; a continuation that waits again stacks anew.
internal sealed partial class ExperimentCoordinator
{
    private void BeginningExperiment()
    {
        Receive<ExperimentBegun>(_ => { Resume(); OnExperimentBegun(); });
        WhileWaiting();
    }

    private void JournalingAttemptStart(AttemptStart start)
    {
        Receive<AttemptJournaled>(a => a.Fence == start.Fence, journaled =>
        {
            if (journaled.CheckpointPath is { } path) OfferCheckpoint(start, path);
            else
            {
                Resume();
                StartAttempt(start, null);
            }
        });
        WhileWaiting();
    }

    private void OfferingCheckpoint(AttemptStart start)
    {
        Receive<CheckpointOffered>(o => o.Fence == start.Fence, offered =>
        {
            Resume();
            if (offered.Offers is null) Fail([Ending(start.Fence, $"its checkpoint could not be offered: {offered.Error}")]);
            else StartAttempt(start, offered.Offers);
        });
        WhileWaiting();
    }

    private void PullingCheckpoint(EpochReport report)
    {
        Receive<CheckpointReceived>(r => r.Fence == report.Fence && r.Epoch == report.Epoch, received =>
        {
            if (received.Error is null)
            {
                JournalEpoch(report);
                return;
            }
            Resume();
            Table[report.Fence.TrialId].ModelActor?.Tell(new Worker.Protocol.StopTrial(report.Fence, "its checkpoint did not arrive"));
            Fail([Ending(report.Fence, $"epoch {report.Epoch} checkpoint did not arrive: {received.Error}")]);
        });
        WhileWaiting();
    }

    private void JournalingEpoch(ScoredEpoch scored)
    {
        Receive<EpochJournaled>(j => j.Fence == scored.Report.Fence && j.Epoch == scored.Report.Epoch, _ =>
        {
            Resume();
            OnEpochJournaled(scored);
        });
        WhileWaiting();
    }

    // Several attempts may end at once (a worker's removal ends all of its): each acts once its end is journaled, and
    // the sweep goes on once every one has.
    private void JournalingAttemptEnds(Dictionary<FencingToken, AttemptEnding> pending)
    {
        Receive<AttemptEndJournaled>(a => pending.ContainsKey(a.Fence), a =>
        {
            pending.Remove(a.Fence, out var ended);
            OnAttemptEndJournaled(ended!);
            if (pending.Count > 0) return;
            Resume();
            AfterChange();
        });
        WhileWaiting();
    }

    private void WritingResults(SweepSummary summary)
    {
        Receive<ResultsWritten>(written =>
        {
            if (written.Error is { } error) Log.Warning("sweep {0}: the results files were not written: {1}; the journal has everything", spec.Name, error);
            journal.Tell(new JournalFinish("finished", Table.BestTrial()?.Config));
            Become(() => JournalingFinish(summary));
        });
        WhileWaiting();
    }

    private void JournalingFinish(SweepSummary summary)
    {
        Receive<ExperimentFinishJournaled>(_ =>
        {
            // The finished line is written before whoever waits hears of the end: it may stop the process at once.
            Publish(new SweepFinished(summary));
            metrics.Tell(new FlushLog());
            Become(() => FlushingLog(summary));
        });
        WhileWaiting();
    }

    private void FlushingLog(SweepSummary summary)
    {
        Receive<LogFlushed>(_ =>
        {
            Resume();
            Complete(summary, published: true);
        });
        WhileWaiting();
    }

    private void WhileWaiting()
    {
        Receive<Terminated>(t => IsChild(t.ActorRef), t => Abort($"the {t.ActorRef.Path.Name} child stopped (see the error above)"));
        Receive<AwaitSweep>(_ => Follow(watchers, Sender));
        Receive<SubscribeSweep>(m => Follow(subscribers, m.Subscriber));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Resume()
    {
        UnbecomeStacked();
        Stash.UnstashAll();
    }

    /// <summary>An attempt journaled and about to be started: its gang, and the agents of its ranks.</summary>
    private sealed record AttemptStart(FencingToken Fence, TrialEntry Entry, GangPlacement Gang, IReadOnlyList<IActorRef> Agents,
        int StartEpoch, string WorkerId, IReadOnlyList<GroupReplica> Replicas);

    /// <summary>An accepted epoch report whose checkpoint is being pulled to <see cref="Path"/>.</summary>
    private sealed record EpochReport(FencingToken Fence, Worker.Protocol.EpochMetrics Metrics, double Metric, string Path, IReadOnlyList<string> WorkersByRank)
    {
        public int Epoch => Metrics.Epoch;
    }

    /// <summary>An epoch scored by the scheduler (its events applied), waiting for its journal commit.</summary>
    private sealed record ScoredEpoch(EpochReport Report, bool IsBest, TrialStatus Status, int Time, string SchedulerState);

    /// <summary>
    /// An attempt ended by a failure (decided: retry or give up), waiting for its journal commit: the actors of it that
    /// still run keep their slots, and a failed replica's peers may hold the regroup (<see cref="RegroupPeers"/>).
    /// </summary>
    private sealed record AttemptEnding(FencingToken Fence, string Reason, string Outcome, IActorRef? Stopped, IReadOnlyList<string> RegroupPeers)
    {
        public IReadOnlyList<(IActorRef Actor, string WorkerId)> Running { get; init; } = [];

        public bool GiveUp { get; init; }
    }

    private sealed record CheckpointReceived(FencingToken Fence, int Epoch, string? Error) : INoSerializationVerificationNeeded;

    private sealed record CheckpointOffered(FencingToken Fence, IReadOnlyList<BlobOffer>? Offers, string? Error) : INoSerializationVerificationNeeded;
}
