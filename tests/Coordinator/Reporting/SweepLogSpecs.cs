using System.Text.RegularExpressions;
using Troupe.Coordinator.Reporting;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Reporting;

/// <summary>
/// The text and JSON logs, byte for byte, for one sweep's worth of events (the clock masked: event lines start with
/// the time since the start, JSON lines carry <c>time</c> and <c>elapsed</c>). These pin what scripts and users read.
/// </summary>
public sealed partial class SweepLogSpecs
{
    internal static readonly IReadOnlyList<TrialConfig> Trials =
    [
        new("trial-0000", 0, new ParamSet([new("lr", 0.0123456789), new("n_hidden", 64L)]), 1),
        new("trial-0001", 1, new ParamSet([new("lr", 0.03), new("n_hidden", 32L)]), 2),
    ];

    private static readonly FencingToken First = new("trial-0000", 1);
    private static readonly FencingToken Second = new("trial-0001", 1);

    internal static EpochMetrics Epoch(int epoch, double train, double valid, double accuracy) =>
        new(epoch, train, valid, new Dictionary<string, double> { ["accuracy"] = accuracy, ["perplexity"] = Math.Exp(valid) }, 1.5, 1000, 2345.6);

    internal static IReadOnlyList<SweepEvent> Story() =>
    [
        new SweepStarted("golden", 2, 0, false, "/runs/golden", "scheduler fifo by valid_loss (min)"),
        new WorkerJoined("local-1", 1),
        new WorkerJoined("local-2", 2),
        new TrialPlaced(First, "local-1", 0, "lr=0.01235, n_hidden=64"),
        new TrialPlaced(Second, "local-2", 0, "lr=0.03, n_hidden=32"),
        new TrialBatchProgress(new TrialProgress(First, 0, 3, 10, true, 2.5)),
        new EpochReported(First, Epoch(0, 2.25, 2.0, 0.25), true),
        new EpochReported(Second, Epoch(0, 2.5, 2.125, 0.125), true),
        new TrialAttemptFailed(Second, "worker local-2 lost", true, 2, 1),
        new WorkerLost("local-2", ["trial-0001"]),
        new TrialPlaced(new FencingToken("trial-0001", 2), "local-1", 1, "lr=0.03, n_hidden=32"),
        new StaleReportIgnored(Second, "epoch 1 report", "stale attempt, the current one is #2"),
        new TrialResumed(new FencingToken("trial-0001", 2), "local-1", 1),
        new SweepProgress(0, 2, 0, 2),
        new TrialPaused(First, 1),
        new PlacementBlocked("trial-0001", 4, 1),
        new TrialStoppedEarly(new FencingToken("trial-0001", 2), 1, 2.125, "asha"),
        new TrialAttemptFailed(new FencingToken("trial-0000", 2), "boom", false, 0, 1),
        new TrialCompleted(new FencingToken("trial-0000", 3), 2, 1.5),
        new SweepFinished(new SweepSummary("golden", "/runs/golden", "finished", 2, 1, 1, 0, "valid_loss", "trial-0000", 1.5, Trials[0].Params, TimeSpan.FromSeconds(3))),
    ];

    private static string Render(LogFormat format)
    {
        var output = new StringWriter { NewLine = "\n" };
        var book = new MetricsBook(Trials, new MetricObjective("valid_loss", MetricMode.Min));
        var log = new SweepLog(output, format, book);
        foreach (var e in Story())
        {
            // As the metrics aggregator does: the book first, then the log.
            if (e is EpochReported r) book.Add(r.Fence.TrialId, r.Metrics, live: true);
            log.Write(e);
        }
        return output.ToString();
    }

    [Fact]
    public void SweepLog_must_name_the_device_kind_no_worker_offers()
    {
        var output = new StringWriter { NewLine = "\n" };
        var log = new SweepLog(output, LogFormat.Text, new MetricsBook(Trials, new MetricObjective("valid_loss", MetricMode.Min)));

        log.Write(new PlacementBlocked("trial-0003", 1, 8, DeviceKind.Cuda));

        output.ToString().Should().EndWith(
            "blocked trial-0003 asks for cuda slots (resources.device); none of the cluster's 8 slots is one (waiting for a worker started with --device cuda)\n");
    }

    [Fact]
    public void SweepLog_must_write_text_lines_byte_for_byte_as_before()
    {
        var text = TextClock().Replace(Render(LogFormat.Text), m => m.Value.EndsWith("  ", StringComparison.Ordinal) ? "   TT:TT  " : "TT:TT");

        text.Should().Be("""
               TT:TT  sweep golden: 2 trials, new; scheduler fifo by valid_loss (min); run dir /runs/golden
               TT:TT  worker  local-1 joined with 1 slot
               TT:TT  worker  local-2 joined with 2 slots
               TT:TT  placed  trial-0000#1 on local-1: lr=0.01235, n_hidden=64
               TT:TT  placed  trial-0001#1 on local-2: lr=0.03, n_hidden=32
            trial         epoch     train_loss  valid_loss  accuracy  perplexity  tok/s     time
            trial-0000    0         2.250000    2.000000    0.250000  7.389056    2346      00:01
            trial-0001    0         2.500000    2.125000    0.125000  8.372897    2346      00:01
               TT:TT  failed  trial-0001#1: worker local-2 lost; retrying from epoch 1 (2 retries left)
               TT:TT  worker  local-2 lost; trials to requeue: trial-0001
               TT:TT  placed  trial-0001#2 on local-1, resuming at epoch 1: lr=0.03, n_hidden=32
               TT:TT  ignored epoch 1 report from trial-0001#1: stale attempt, the current one is #2
               TT:TT  resumed trial-0001#2 on local-1: training again from the epoch 1 checkpoint
               TT:TT  progress 0/2 done, 2 running, 0 pending | best trial-0000 valid_loss 2.000000 | ETA TT:TT (at most)
               TT:TT  paused  trial-0000#1 after 1 epochs
               TT:TT  blocked trial-0001 needs 4 slots on one worker; the cluster has 1 in all
               TT:TT  stopped trial-0001#2 early after 1 epochs (valid_loss 2.125000)
               TT:TT  failed  trial-0000#2: boom; no retries left, the trial failed
               TT:TT  done    trial-0000#3 after 2 epochs (valid_loss 1.500000)
               TT:TT  sweep golden finished: 1 completed, 1 stopped early, 0 failed; best trial-0000 (valid_loss 1.500000): lr=0.01235, n_hidden=64

            """);
    }

    [Fact]
    public void SweepLog_must_write_json_lines_byte_for_byte_as_before()
    {
        var json = JsonClock().Replace(Render(LogFormat.Json), "\"time\":\"T\",\"elapsed\":0");
        json = JsonEta().Replace(json, "\"eta_seconds\":0");

        json.Should().Be("""
            {"time":"T","elapsed":0,"event":"sweep_started","name":"golden","trials":2,"done":0,"resumed":false,"run_dir":"/runs/golden","scheduler":"scheduler fifo by valid_loss (min)"}
            {"time":"T","elapsed":0,"event":"worker_joined","worker":"local-1","slots":1}
            {"time":"T","elapsed":0,"event":"worker_joined","worker":"local-2","slots":2}
            {"time":"T","elapsed":0,"event":"placed","trial":"trial-0000","attempt":1,"worker":"local-1","start_epoch":0,"params":"lr=0.01235, n_hidden=64"}
            {"time":"T","elapsed":0,"event":"placed","trial":"trial-0001","attempt":1,"worker":"local-2","start_epoch":0,"params":"lr=0.03, n_hidden=32"}
            {"time":"T","elapsed":0,"event":"epoch","trial":"trial-0000","attempt":1,"epoch":0,"train_loss":2.25,"valid_loss":2,"accuracy":0.25,"perplexity":7.38905609893065,"tokens_per_second":2345.6,"seconds":1.5,"best_so_far":true}
            {"time":"T","elapsed":0,"event":"epoch","trial":"trial-0001","attempt":1,"epoch":0,"train_loss":2.5,"valid_loss":2.125,"accuracy":0.125,"perplexity":8.372897488127265,"tokens_per_second":2345.6,"seconds":1.5,"best_so_far":true}
            {"time":"T","elapsed":0,"event":"failed","trial":"trial-0001","attempt":1,"reason":"worker local-2 lost","retrying":true,"retries_left":2,"resume_epoch":1}
            {"time":"T","elapsed":0,"event":"worker_lost","worker":"local-2","evicted":["trial-0001"]}
            {"time":"T","elapsed":0,"event":"placed","trial":"trial-0001","attempt":2,"worker":"local-1","start_epoch":1,"params":"lr=0.03, n_hidden=32"}
            {"time":"T","elapsed":0,"event":"stale","trial":"trial-0001","attempt":1,"report":"epoch 1 report","why":"stale attempt, the current one is #2"}
            {"time":"T","elapsed":0,"event":"resumed","trial":"trial-0001","attempt":2,"worker":"local-1","epoch":1}
            {"time":"T","elapsed":0,"event":"progress","done":0,"running":2,"pending":0,"best_trial":"trial-0000","valid_loss":2,"eta_seconds":0}
            {"time":"T","elapsed":0,"event":"paused","trial":"trial-0000","attempt":1,"epochs":1}
            {"time":"T","elapsed":0,"event":"blocked","trial":"trial-0001","slots_needed":4,"total_slots":1}
            {"time":"T","elapsed":0,"event":"stopped","trial":"trial-0001","attempt":2,"epochs":1,"valid_loss":2.125,"scheduler":"asha"}
            {"time":"T","elapsed":0,"event":"failed","trial":"trial-0000","attempt":2,"reason":"boom","retrying":false,"retries_left":0,"resume_epoch":1}
            {"time":"T","elapsed":0,"event":"completed","trial":"trial-0000","attempt":3,"epochs":2,"valid_loss":1.5}
            {"time":"T","elapsed":0,"event":"sweep_finished","state":"finished","completed":1,"stopped":1,"failed":0,"best_trial":"trial-0000","valid_loss":1.5,"best_params":"lr=0.0123456789, n_hidden=64"}

            """);
    }

    [GeneratedRegex(@"(?m)^ *\d\d:\d\d  |\d\d:\d\d(?= \(at most\))")]
    private static partial Regex TextClock();

    [GeneratedRegex("\"time\":\"[^\"]+\",\"elapsed\":[0-9.]+")]
    private static partial Regex JsonClock();

    [GeneratedRegex("\"eta_seconds\":[0-9.]+")]
    private static partial Regex JsonEta();
}
