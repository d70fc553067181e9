using System.Text;
using Spectre.Console;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Tests.Reporting;

/// <summary>The live view without a terminal: the sink choice, frames and notes, rendering, and the drawing thread's life.</summary>
public sealed class LiveViewSpecs
{
    private static MetricsBook Book() => new(SweepLogSpecs.Trials, new MetricObjective("valid_loss", MetricMode.Min));

    [Theory]
    [InlineData(LogFormat.Text, typeof(SweepLog))]
    [InlineData(LogFormat.Json, typeof(SweepLog))]
    [InlineData(LogFormat.Live, typeof(LiveSweepSink))]
    public void SweepSinks_must_give_the_live_sink_only_to_the_live_format(LogFormat format, Type expected)
    {
        var settings = new ReportSettings(TextWriter.Null, format, "valid_loss", MetricMode.Min, 2, new RecordingSurface());

        SweepSinks.Create(settings, Book(), null).Should().BeOfType(expected);
    }

    [Fact]
    public void SweepSinks_must_refuse_the_live_format_without_a_surface()
    {
        var act = () => SweepSinks.Create(new ReportSettings(TextWriter.Null, LogFormat.Live, "valid_loss", MetricMode.Min, 2), Book(), null);

        act.Should().Throw<ArgumentException>().WithMessage("*expected a live surface*got none*");
    }

    [Fact]
    public void LiveSweepSink_must_show_a_frame_per_change_and_note_event_lines_but_not_epochs_or_ticks()
    {
        var surface = new RecordingSurface();
        var book = Book();
        var sink = new LiveSweepSink(surface, book, 2, null);
        foreach (var e in SweepLogSpecs.Story())
        {
            if (e is EpochReported r) book.Add(r.Fence.TrialId, r.Metrics, live: true);
            sink.Write(e);
        }

        surface.Notes.Should().HaveCount(SweepLogSpecs.Story().Count(e => e is not (EpochReported or SweepProgress or TrialBatchProgress)));
        surface.Notes.Select(n => n.Text).Should().Contain(t => t.EndsWith("  worker  local-2 lost; trials to requeue: trial-0001", StringComparison.Ordinal))
            .And.Contain(t => t.EndsWith("  placed  trial-0001#2 on local-1, resuming at epoch 1: lr=0.03, n_hidden=32", StringComparison.Ordinal))
            .And.NotContain(t => t.Contains("progress", StringComparison.Ordinal));
        surface.Notes.Where(n => n.Warning).Select(n => n.Text[10..]).Should().Equal(
            "failed  trial-0001#1: worker local-2 lost; retrying from epoch 1 (2 retries left)",
            "worker  local-2 lost; trials to requeue: trial-0001",
            "blocked trial-0001 needs 4 slots on one worker; the cluster has 1 in all",
            "failed  trial-0000#2: boom; no retries left, the trial failed");
        var last = surface.Frames[^1];
        last.Should().Match<LiveFrame>(f => f.Name == "golden" && f.Total == 2 && f.Done == 2 && f.Outcome == "finished" && f.Workers == 1 && f.Metric == "valid_loss");
        last.BestTrial.Should().Be("trial-0000");
        last.BestValue.Should().Be(2.0, "the book holds the epochs reported, and trial-0000's best was 2.0");
        last.Rows.Should().HaveCount(2);
        last.Hidden.Should().Be(0);
    }

    [Fact]
    public void LiveFrameView_must_render_the_table_bar_and_notes_as_plain_text_even_with_brackets()
    {
        var board = new TrialBoard([new TrialConfig("trial-0000", 0, new ParamSet([new("tag", "[red]x[/]")]), 1)], 4);
        board.Apply(new WorkerJoined("w-1", 1));
        board.Apply(new TrialPlaced(new FencingToken("trial-0000", 2), "w-1", 1, "tag=[red]x[/]"));
        board.Apply(new EpochReported(new FencingToken("trial-0000", 2), SweepLogSpecs.Epoch(1, 1.25, 1.5, 0.5), true));
        var started = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var frame = new LiveFrame("demo", board.Rows, 3, 1, 4, 1, 1, 4, "valid_loss", "trial-0000", 1.5, TimeSpan.FromSeconds(75), null, started);

        var text = RenderToText(LiveFrameView.Render(frame, [new LiveNote("note [with] brackets", false)], started.AddSeconds(62)));

        text.Should().Contain("sweep demo").And.Contain("trial-0000 #2").And.Contain("tag=[red]x[/]").And.Contain("running")
            .And.Contain("2/4").And.Contain("1.2500").And.Contain("1.5000").And.Contain("0.5000").And.Contain("w-1")
            .And.Contain("3 more trials not shown")
            .And.Contain("1/4 trials done · 1 running · 1 worker · 01:02 elapsed · ETA 01:15 (at most) · best trial-0000 valid_loss 1.500000")
            .And.Contain("note [with] brackets");
        foreach (var column in new[] { "trial", "params", "status", "epoch", "train_loss", "valid_loss", "accuracy", "worker" }) text.Should().Contain(column);
    }

    [Fact]
    public void SpectreLiveSurface_must_draw_frames_from_its_own_thread_and_print_logged_errors_whole_after_it_stops()
    {
        var stdout = new LockedWriter();
        var stderr = new StringWriter();
        var surface = SpectreLiveSurface.Start(stdout, stderr);
        var sink = new LiveSweepSink(surface, Book(), 2, null);

        foreach (var e in SweepLogSpecs.Story()) sink.Write(e);
        surface.Lines.WriteLine("member  up akka.ssl.tcp://troupe@10.0.0.2:4054 (worker)");
        surface.Logged("error: Troupe.Coordinator.Sweep.ExperimentCoordinator: boom\n   at Somewhere()");
        surface.Dispose();

        stdout.Text.Should().Contain("trial-0001").And.Contain("2/2 trials done").And.Contain("sweep finished").And.Contain("member  up akka.ssl.tcp://");
        stderr.ToString().Should().Contain("error: Troupe.Coordinator.Sweep.ExperimentCoordinator: boom\n   at Somewhere()");
    }

    [Fact]
    public void SpectreLiveSurface_must_keep_a_bounded_number_of_logged_messages_and_count_the_rest()
    {
        var stderr = new StringWriter();
        var surface = SpectreLiveSurface.Start(new LockedWriter(), stderr);
        for (var i = 0; i < SpectreLiveSurface.LoggedKept + 5; i++) surface.Logged($"warn: message {i}");
        surface.Dispose();

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(SpectreLiveSurface.LoggedKept + 1);
        lines[0].Should().Be("warn: message 0");
        lines[^1].Should().Be($"troupe-coordinator: 5 more logged messages not kept (the first {SpectreLiveSurface.LoggedKept} are above)");
    }

    [Fact]
    public void SpectreLiveSurface_must_draw_before_the_first_frame_and_stop_cleanly()
    {
        var stdout = new LockedWriter();
        var stderr = new StringWriter();

        SpectreLiveSurface.Start(stdout, stderr).Dispose();

        stderr.ToString().Should().BeEmpty();
        stdout.Text.Should().Contain("waiting for the sweep to start");
    }

    [Fact]
    public void SpectreLiveSurface_must_rethrow_a_drawing_failure_to_the_next_caller_and_print_it_when_stopped()
    {
        var stderr = new StringWriter();
        var surface = SpectreLiveSurface.Start(new FailingWriter(), stderr);
        var frame = new LiveSweepSink(new RecordingSurface(), Book(), 2, null).Frame();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        Exception? thrown = null;
        while (thrown is null && DateTime.UtcNow < deadline)
        {
            try
            {
                surface.Show(frame);
                Thread.Sleep(20);
            }
            catch (InvalidOperationException e)
            {
                thrown = e;
            }
        }
        surface.Dispose();

        thrown.Should().NotBeNull("a terminal that cannot be written fails the view within 10 s");
        thrown!.Message.Should().Contain("live view: expected it drawing, got it failed: the terminal is gone");
        thrown.InnerException.Should().BeOfType<IOException>();
        stderr.ToString().Should().Contain("the live view failed: System.IO.IOException: the terminal is gone");
    }

    private static string RenderToText(Spectre.Console.Rendering.IRenderable renderable)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 220;
        console.Write(renderable);
        return writer.ToString();
    }

    private sealed class RecordingSurface : ILiveSurface
    {
        public List<LiveFrame> Frames { get; } = [];

        public List<LiveNote> Notes { get; } = [];

        public int MaxRows => 20;

        public void Show(LiveFrame frame) => Frames.Add(frame);

        public void Note(LiveNote note) => Notes.Add(note);
    }

    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (text) return text.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (text) text.Append(value);
        }

        public override void Write(string? value)
        {
            lock (text) text.Append(value);
        }
    }

    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("the terminal is gone");

        public override void Write(string? value) => throw new IOException("the terminal is gone");
    }
}
