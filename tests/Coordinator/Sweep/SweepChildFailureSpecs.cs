using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;
using Troupe.Coordinator.Sweep;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>
/// The sweep's policy per child: reporting (log, live view, results files) is restarted and never ends a sweep, a
/// live view that failed gives way to the plain text log; a journal that fails ends the sweep as aborted.
/// </summary>
public sealed class SweepChildFailureSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private const string Noop = """
        name: children
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 3, batch_size: 64, seq_len: 16 }
        params:
          lr: grid(0.01, 0.02)
        """;

    [Fact]
    public void Coordinator_must_finish_a_sweep_whose_live_view_fails_and_log_in_plain_text_from_then_on()
    {
        var runDir = Folder.Sub("live");
        var surface = new FailingSurface(framesBeforeFailing: 2);
        var coordinator = StartCoordinator(Spec(Noop), runDir, adjust: s => s with { Format = LogFormat.Live, Live = surface });
        StartWorker(coordinator, "local-1");

        var summary = AwaitSweep(coordinator);

        summary.Completed.Should().Be(2);
        surface.Failures.Should().BeGreaterThan(0, "the live view failed during the sweep");
        LogText.Should().Contain("done    trial-0001#1 after 3 epochs", "the restarted aggregator logs as text");
        File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Should().HaveCount(6, "the restarted aggregator rewrote it from the journal");
        File.Exists(Path.Combine(runDir, "summary.md")).Should().BeTrue();
    }

    [Fact]
    public void Coordinator_must_end_the_sweep_as_aborted_when_its_journal_fails()
    {
        var runDir = Folder.Sub("journal");
        var coordinator = StartCoordinator(Spec(Noop), runDir);
        var agent = CreateTestProbe();
        agent.Send(coordinator, new RegisterWorker("fake-1", 1, agent.Ref));
        var start = agent.FishForMessage<StartTrial>(_ => true, Wait);

        // The journal child fails for real: the attempt row it is asked to write again breaks its primary key.
        Sys.ActorSelection(coordinator.Path / "journal").Tell(new JournalAttemptStart(start.Fence, "fake-1", 0));
        var waiter = CreateTestProbe();
        waiter.Send(coordinator, new AwaitSweep());
        var summary = waiter.ExpectMsg<SweepCompleted>(Wait).Summary;

        summary.State.Should().Be("aborted");
        summary.Error.Should().Contain("journal");
    }

    // A live view whose drawing fails after a few frames, as a terminal gone away would.
    private sealed class FailingSurface(int framesBeforeFailing) : ILiveSurface
    {
        private int frames;

        public int Failures { get; private set; }

        public int MaxRows => 20;

        public void Show(LiveFrame frame)
        {
            if (++frames <= framesBeforeFailing) return;
            Failures++;
            throw new InvalidOperationException("live view: expected it drawing, got it failed: the terminal is gone");
        }

        public void Note(LiveNote note)
        {
        }
    }
}
