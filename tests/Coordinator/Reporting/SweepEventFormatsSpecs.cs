using System.Text.Json;
using System.Text.RegularExpressions;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Tests.Reporting;

/// <summary>
/// The one table of sweep events: an entry per event type, and the text log, the JSON log and the live view's notes
/// all taking an event's line, name and warning from its entry (so that they cannot drift apart again, as
/// <see cref="GroupBlocked"/> once did: logged, never shown blocked).
/// </summary>
public sealed class SweepEventFormatsSpecs
{
    private static readonly FencingToken A1 = new("trial-0000", 1);

    private static MetricsBook Book() => new(SweepLogSpecs.Trials, new MetricObjective("valid_loss", MetricMode.Min));

    [Fact]
    public void SweepEventFormats_must_have_exactly_one_entry_per_concrete_sweep_event_type()
    {
        var types = typeof(SweepEvent).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(SweepEvent)));

        SweepEventFormats.All.Select(f => f.EventType).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(types);
    }

    [Fact]
    public void SweepEventFormats_must_name_events_distinctly_in_snake_case_and_log_all_but_batch_progress()
    {
        var names = SweepEventFormats.All.Where(f => f.Logged).Select(f => f.Json!).ToList();

        names.Should().OnlyHaveUniqueItems().And.AllSatisfy(n => n.Should().MatchRegex("^[a-z]+(_[a-z]+)*$"));
        SweepEventFormats.All.Where(f => !f.Logged).Select(f => f.EventType).Should().Equal(typeof(TrialBatchProgress));
    }

    [Fact]
    public void README_must_name_every_json_event_the_log_writes()
    {
        var readme = File.ReadAllText(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../README.md")));
        var list = Regex.Match(readme, @"`--log-format json` writes .*?\(`event`: (?<names>[^)]*)\)", RegexOptions.Singleline);
        list.Success.Should().BeTrue("the README's log section lists the JSON event names");
        var named = Regex.Matches(list.Groups["names"].Value, "[a-z]+(_[a-z]+)*").Select(m => m.Value)
            .Except(["and", "for", "data", "parallel", "trials"]);

        named.Should().BeEquivalentTo(SweepEventFormats.All.Where(f => f.Logged).Select(f => f.Json!));
    }

    [Fact]
    public void SweepEventFormats_must_have_a_sample_line_for_every_logged_event_type()
    {
        var sampled = Samples().Select(row => row[0].GetType());

        sampled.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(SweepEventFormats.All.Where(f => f.Logged).Select(f => f.EventType));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SweepEventFormats_must_give_the_text_line_json_name_and_note_of_each_event(SweepEvent e, string text, string json, string noteName)
    {
        // The note by name: SweepNote is internal, and a public test method cannot take it.
        var note = Enum.Parse<SweepNote>(noteName);
        var entry = SweepEventFormats.Of(e);
        entry.Text!(e, Book()).Should().Be(text);
        entry.Json.Should().Be(json);
        entry.Note.Should().Be(note);

        var lines = Log(e, LogFormat.Text);
        if (entry.Row) lines.Should().Equal(SweepLog.Header(), text);
        else lines.Should().ContainSingle().Which.Should().MatchRegex(Stamped(text));

        using var parsed = JsonDocument.Parse(Log(e, LogFormat.Json).Should().ContainSingle().Subject);
        parsed.RootElement.GetProperty("event").GetString().Should().Be(json);

        var surface = new RecordingSurface();
        new LiveSweepSink(surface, Book(), 2, null).Write(e);
        if (note == SweepNote.None) surface.Notes.Should().BeEmpty();
        else surface.Notes.Should().ContainSingle().Which.Should().Match<LiveNote>(n => Regex.IsMatch(n.Text, Stamped(text)) && n.Warning == (note == SweepNote.Warning));
    }

    public static TheoryData<SweepEvent, string, string, string> Samples() => new()
    {
        { new SweepStarted("golden", 2, 1, true, "/runs/golden", "scheduler fifo by valid_loss (min)"),
            "sweep golden: 2 trials, resumed with 1 done; scheduler fifo by valid_loss (min); run dir /runs/golden", "sweep_started", nameof(SweepNote.Line) },
        { new WorkerJoined("local-1", 1), "worker  local-1 joined with 1 slot", "worker_joined", nameof(SweepNote.Line) },
        { new WorkerLost("local-2", []), "worker  local-2 lost; trials to requeue: none", "worker_lost", nameof(SweepNote.Warning) },
        { new TrialPlaced(A1, "local-1", 0, "lr=0.03"), "placed  trial-0000#1 on local-1: lr=0.03", "placed", nameof(SweepNote.Line) },
        { new TrialResumed(new FencingToken("trial-0000", 2), "local-1", 1),
            "resumed trial-0000#2 on local-1: training again from the epoch 1 checkpoint", "resumed", nameof(SweepNote.Line) },
        { new EpochReported(A1, SweepLogSpecs.Epoch(0, 2.25, 2.0, 0.25), true),
            "trial-0000    0         2.250000    2.000000    0.250000  7.389056    2346      00:01", "epoch", nameof(SweepNote.None) },
        { new TrialStoppedEarly(A1, 1, 2.125, "asha"), "stopped trial-0000#1 early after 1 epochs (valid_loss 2.125000)", "stopped", nameof(SweepNote.Line) },
        { new TrialPaused(A1, 1), "paused  trial-0000#1 after 1 epochs", "paused", nameof(SweepNote.Line) },
        { new TrialCompleted(A1, 2, null), "done    trial-0000#1 after 2 epochs (valid_loss n/a)", "completed", nameof(SweepNote.Line) },
        { new TrialAttemptFailed(A1, "boom", true, 1, 1), "failed  trial-0000#1: boom; retrying from epoch 1 (1 retry left)", "failed", nameof(SweepNote.Warning) },
        { new StaleReportIgnored(A1, "epoch 1 report", "stale"), "ignored epoch 1 report from trial-0000#1: stale", "stale", nameof(SweepNote.Line) },
        { new PlacementBlocked("trial-0001", 1, 8, DeviceKind.Cuda),
            "blocked trial-0001 asks for cuda slots (resources.device); none of the cluster's 8 slots is one (waiting for a worker started with --device cuda)",
            "blocked", nameof(SweepNote.Warning) },
        { new SweepProgress(0, 1, 1, 4), "progress 0/2 done, 1 running, 1 pending | no results yet | ETA unknown", "progress", nameof(SweepNote.None) },
        { new SweepFinished(new SweepSummary("golden", "/runs/golden", "aborted", 2, 0, 0, 0, "valid_loss", null, null, null, TimeSpan.Zero, "cancelled")),
            "sweep golden aborted: 0 completed, 0 stopped early, 0 failed; cancelled", "sweep_finished", nameof(SweepNote.Line) },
        { new GroupFormed(A1, [new(0, "w1", "10.0.0.1"), new(1, "w2", "10.0.0.2")], "10.0.0.1", 29500),
            "group   trial-0000#1: 2 replicas, rendezvous 10.0.0.1:29500; rank 0 on w1 (10.0.0.1), rank 1 on w2 (10.0.0.2)", "group_formed", nameof(SweepNote.Line) },
        { new ReplicaThroughputReported(A1, 0, [new(0, "w1", 1024.4, 0.25), new(1, "w2", 1023.6, 0.5)], 2048),
            "replicas trial-0000#1 epoch 0: rank 0 on w1 1024 tok/s (comm 25%), rank 1 on w2 1024 tok/s (comm 50%); group 2048 tok/s",
            "replica_throughput", nameof(SweepNote.Line) },
        { new GroupBlocked("trial-0001", 2, 2, 3),
            "blocked trial-0001 needs 2 replicas of 2 slots on distinct slots; the cluster has 3 slots in all (waiting for more workers)",
            "group_blocked", nameof(SweepNote.Warning) },
        { new RegroupHeld(A1, ["w2"], TimeSpan.FromSeconds(30)),
            "regroup trial-0000#1: a replica lost its group; the next group waits until w2 answers or leaves (at most 30 s)", "regroup_held", nameof(SweepNote.Line) },
    };

    private static string[] Log(SweepEvent e, LogFormat format)
    {
        var output = new StringWriter { NewLine = "\n" };
        new SweepLog(output, format, Book()).Write(e);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    // An event line: the time since the log's start, right-aligned in 8 columns, two spaces, then the entry's text.
    private static string Stamped(string text) => $"^ *\\d\\d:\\d\\d  {Regex.Escape(text)}$";

    private sealed class RecordingSurface : ILiveSurface
    {
        public List<LiveNote> Notes { get; } = [];

        public int MaxRows => 20;

        public void Show(LiveFrame frame)
        {
        }

        public void Note(LiveNote note) => Notes.Add(note);
    }
}
