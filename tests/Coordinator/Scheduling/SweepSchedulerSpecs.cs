using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Scheduling;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Scheduling;

/// <summary>
/// The sweep's scheduler state without an actor system: events applied live, journaled as the coordinator journals
/// them, and replayed from the journal through the same <see cref="SweepScheduler.Apply"/>.
/// </summary>
public sealed class SweepSchedulerSpecs
{
    private const int Epochs = 4;

    private static ExperimentSpec Spec(string scheduler) => new ExperimentSpecReader(SweepValidation.ModelNames).Parse($$"""
        name: scheduler-spec
        data: { kind: human-numbers }
        model: noop
        train: { epochs: {{Epochs}}, batch_size: 64, seq_len: 16, metric: valid_loss, mode: min }
        params:
          x: grid(1, 2, 3, 4, 5, 6)
        scheduler: {{scheduler}}
        retries: 2
        """, "scheduler.yaml");

    public static TheoryData<string> Schedulers => new()
    {
        "{ kind: fifo }",
        "{ kind: asha, grace: 1, reduction: 2 }",
        "{ kind: median, grace: 1, min_samples: 2 }",
    };

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void SweepScheduler_rebuilt_from_the_journal_must_equal_the_live_one_for_random_event_sequences(string scheduler)
    {
        var spec = Spec(scheduler);
        for (var seed = 1; seed <= 12; seed++)
        {
            using var folder = new TempFolder();
            var live = new SweepScheduler(spec);
            var random = new Random(seed);
            var (journaled, active) = RunRandomSweep(spec, live, folder, random, steps: random.Next(5, 40));

            JournalSnapshot snapshot;
            using (var journal = RunJournal.Open(folder.Path)) snapshot = journal.Snapshot()!;
            var rebuilt = new SweepScheduler(spec, snapshot.Replay);

            snapshot.Replay.Should().Equal(journaled, (a, b) => Same(a, b), "seed {0}: the journal holds every event in order", seed);
            rebuilt.State.Should().Be(live.State, "seed {0}", seed);
            // The same further events get the same decisions from both (the interrupted sweep going on, and its resume).
            var probe = new Random(seed + 1000);
            foreach (var (id, time) in active)
            {
                var e = new SchedulerEvent.Result(id, time + 1, Values(probe), Final: time + 1 >= Epochs);
                rebuilt.Apply(e).Should().Be(live.Apply(e), "seed {0}, probe {1}", seed, e);
            }
            rebuilt.State.Should().Be(live.State, "seed {0}, after the probes", seed);
        }
    }

    [Fact]
    public void SweepScheduler_must_stop_a_trial_under_asha_and_journal_it_as_a_result_then_a_removal()
    {
        var spec = Spec("{ kind: asha, grace: 1, reduction: 2 }");
        var s = new SweepScheduler(spec);
        s.Apply(new SchedulerEvent.Result("trial-0000", 1, new Dictionary<string, double> { ["valid_loss"] = 1.0 }, false)).Should().Be(TrialDecision.Continue);
        s.Apply(new SchedulerEvent.Result("trial-0001", 1, new Dictionary<string, double> { ["valid_loss"] = 3.0 }, false))
            .Should().Be(TrialDecision.Stop, "a worse result than the rung's cut-off at the grace period stops the trial");
    }

    [Fact]
    public void SchedulerEvent_must_refuse_an_unknown_journal_kind_naming_the_known_ones()
    {
        var read = () => SchedulerEvent.FromJournal("resultt", "trial-0000", 1, null);
        read.Should().Throw<InvalidDataException>().WithMessage("journal: expected a scheduler event (result, final_result, error, removed), got 'resultt'");
    }

    // Drives a random sweep as the coordinator would (each epoch's result, a removal when the scheduler stops a trial,
    // failed attempts with a removal once the retries are spent) for up to `steps` reports, applying each event to
    // `live` and journaling it with the same calls; returns the events in journal order and the trials still in the
    // scheduler with the time of their last result.
    private static (List<SchedulerEvent> Events, Dictionary<string, int> Active) RunRandomSweep(ExperimentSpec spec, SweepScheduler live, TempFolder folder,
        Random random, int steps)
    {
        var journaled = new List<SchedulerEvent>();
        var trials = spec.Trials();
        var time = trials.ToDictionary(t => t.TrialId, _ => 0);
        var attempt = trials.ToDictionary(t => t.TrialId, _ => 0);
        var failures = trials.ToDictionary(t => t.TrialId, _ => 0);
        var open = new HashSet<string>();
        var active = trials.Select(t => t.TrialId).ToList();
        using var journal = RunJournal.Open(folder.Path);
        journal.BeginExperiment(spec, null, trials, []);
        for (var step = 0; step < steps && active.Count > 0; step++)
        {
            var id = active[random.Next(active.Count)];
            if (open.Add(id)) journal.StartAttempt(new FencingToken(id, ++attempt[id]), "w1", time[id]);
            var fence = new FencingToken(id, attempt[id]);
            List<SchedulerEvent> events;
            if (random.NextDouble() < 0.2)
            {
                var giveUp = ++failures[id] > 2;
                events = giveUp ? [new SchedulerEvent.Errored(id), new SchedulerEvent.Removed(id)] : [new SchedulerEvent.Errored(id)];
                foreach (var e in events) live.Apply(e);
                journal.EndAttempt(fence, giveUp ? "given_up" : "failed", "random failure", giveUp ? TrialStatus.Failed : TrialStatus.Pending, events);
                open.Remove(id);
                if (giveUp) active.Remove(id);
            }
            else
            {
                var m = new EpochMetrics(time[id], 2.0, 1 + 2 * random.NextDouble(), new Dictionary<string, double>(), 0.1, 64, 640);
                var final = ++time[id] >= Epochs;
                var result = new SchedulerEvent.Result(id, time[id], m.AllValues(), final);
                var decision = live.Apply(result);
                events = [result];
                var status = final ? TrialStatus.Completed : decision switch
                {
                    TrialDecision.Stop => TrialStatus.Stopped,
                    TrialDecision.Pause => TrialStatus.Paused,
                    _ => TrialStatus.Running,
                };
                if (status == TrialStatus.Stopped)
                {
                    events.Add(new SchedulerEvent.Removed(id));
                    live.Apply(events[^1]);
                }
                journal.RecordEpoch(fence, m, folder.Received([1]), m.ValidLoss, isBest: false, decision, final, status, events);
                if (status != TrialStatus.Running) open.Remove(id);
                if (status is TrialStatus.Completed or TrialStatus.Stopped) active.Remove(id);
            }
            journaled.AddRange(events);
        }
        return (journaled, active.ToDictionary(id => id, id => time[id]));
    }

    private static Dictionary<string, double> Values(Random random) => new() { ["valid_loss"] = 1 + 2 * random.NextDouble() };

    private static bool Same(SchedulerEvent a, SchedulerEvent b) => (a, b) switch
    {
        (SchedulerEvent.Result x, SchedulerEvent.Result y) => x.TrialId == y.TrialId && x.At == y.At && x.Final == y.Final
            && x.Values.Count == y.Values.Count && x.Values.All(kv => y.Values.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value)),
        _ => a == b,
    };
}
