using Troupe.Training.Serialization;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using Troupe.Node;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Reporting.Live;
using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Training.Transfer;
using Troupe.Worker.Agent;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// <c>run</c> and <c>resume</c>: the coordinator plus N in-process worker agents in one actor system (the embedded
/// local cluster: the same actors as on a real cluster, with local refs), or, with <see cref="SweepOptions.Cluster"/>, a
/// coordinator node that workers in other processes join (<see cref="CoordinatorNode"/>). An existing journal in the run directory is
/// resumed: finished trials stay finished, interrupted ones restart from their last checkpoint. Exit codes: 0 every
/// trial completed or stopped early, 1 some failed or the sweep aborted, 2 invalid input, 130 interrupted (Ctrl+C).
/// </summary>
internal static class LocalSweep
{
    public static int Run(SweepOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var command = o.SpecPath is null ? "resume" : "run";
        ExperimentSpec spec;
        JournalSnapshot? snapshot;
        string runDir;
        string? baseDir;
        try
        {
            (spec, snapshot, runDir, baseDir) = Prepare(o);
            SweepValidation.Check(spec, baseDir);
            ReplicaValidation.Check(spec, o.Cluster is null ? (o.LocalWorkers, o.SlotsPerWorker) : null);
        }
        catch (Exception e) when (e is SpecException or ArgumentException or IOException or InvalidDataException)
        {
            stderr.WriteLine($"troupe-coordinator {command}: {ErrorText.Of(e)}");
            return 2;
        }
        if (o.DryRun)
        {
            var trials = spec.Trials();
            stdout.WriteLine($"{spec.Source}: valid; {trials.Count} trials of {spec.Model}, {spec.Train.Epochs} epochs each, scheduler {spec.Scheduler.Kind.ToString().ToLowerInvariant()}");
            foreach (var t in trials.Take(20)) stdout.WriteLine($"  {t.TrialId}: {ParamText.Short(t.Params)}");
            if (trials.Count > 20) stdout.WriteLine($"  ... and {trials.Count - 20} more");
            return 0;
        }
        if (snapshot is { Finished: true })
        {
            stdout.WriteLine($"sweep {spec.Name} already finished; results in {Path.Combine(runDir, "summary.md")}");
            return 0;
        }
        var summary = Execute(spec, snapshot, runDir, baseDir, o, stdout, stderr, cancel);
        if (summary is null)
        {
            stderr.WriteLine($"troupe-coordinator {command}: interrupted; continue with: troupe-coordinator resume {runDir}");
            return 130;
        }
        if (summary.State == "aborted")
        {
            stderr.WriteLine($"troupe-coordinator {command}: sweep aborted: {summary.Error}; after fixing it, continue with: troupe-coordinator resume {runDir}");
            return 1;
        }
        stdout.WriteLine($"results: {Path.Combine(runDir, "summary.md")}, trials.csv, metrics.jsonl, curves.svg");
        var best = Path.Combine(runDir, TrialArtifacts.BestFolder);
        if (Directory.Exists(best))
            stdout.WriteLine($"artifacts of the best trial: {string.Join(", ", Directory.GetFiles(best).Where(f => !f.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))}");
        return summary.Succeeded ? 0 : 1;
    }

    private static (ExperimentSpec, JournalSnapshot?, string, string?) Prepare(SweepOptions o)
    {
        var reader = new ExperimentSpecReader(SweepValidation.ModelNames);
        if (o.SpecPath is null)
        {
            var dir = o.RunDirectory ?? throw new ArgumentException("resume: expected a run directory, got none");
            if (!RunJournal.Exists(dir)) throw new ArgumentException($"resume: expected a run directory with {RunJournal.FileName}, got none at '{Path.GetFullPath(dir)}'");
            var snap = ReadSnapshot(dir) ?? throw new InvalidDataException($"resume: expected an experiment in '{Path.GetFullPath(dir)}', got an empty journal");
            return (reader.Parse(snap.SpecText, snap.SpecSource), snap, Path.GetFullPath(dir), snap.SpecBaseDirectory);
        }
        var spec = reader.Load(o.SpecPath);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(o.SpecPath));
        var runDir = Path.GetFullPath(o.RunDirectory ?? Path.Combine("runs", $"{spec.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"));
        var snapshot = RunJournal.Exists(runDir) ? ReadSnapshot(runDir) : null;
        if (snapshot is not null && snapshot.SpecText != spec.Text)
            throw new ArgumentException($"run: '{runDir}' holds experiment {snapshot.Name} from another spec text; use a new --run-dir, or `resume {runDir}`");
        return (spec, snapshot, runDir, snapshot?.SpecBaseDirectory ?? baseDir);
    }

    private static SweepSummary? Execute(ExperimentSpec spec, JournalSnapshot? snapshot, string runDir, string? baseDir, SweepOptions o,
        TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        // Declared first, so disposed last: the display stops after the actor system and the loggers did.
        using var view = o.Format == LogFormat.Live ? SpectreLiveSurface.Start(stdout, stderr) : null;
        using var loggers = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (view is not null) b.AddProvider(new LiveLoggerProvider(view.Logged));
            else b.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; }).AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        // Under the live view, plain lines (membership changes, the listening line) become its notes.
        var (lines, lineFormat) = view is null ? (stdout, o.Format) : (view.Lines, LogFormat.Text);
        // One clock for the membership lines and the sweep's: both count from here.
        var logStart = DateTime.UtcNow;
        var settings = new CoordinatorSettings(runDir, baseDir, stdout, o.Format, o.ProgressInterval) { Live = view, LogStart = logStart };
        // torch.set_num_threads is process-wide: in-process workers share one intra-op setting (the slot's thread count).
        // They offer slots of the kind the spec asks for (cuda passed validation only where libtorch sees a GPU).
        void StartWorkers(ActorSystem system, IActorRef coordinator)
        {
            for (var i = 1; i <= o.LocalWorkers; i++)
                system.ActorOf(WorkerAgent.Props(coordinator, WorkerSettings.Create($"local-{i}", o.SlotsPerWorker, spec.Resources.Device)), $"worker-{i}");
        }
        if (o.Cluster is { } node)
            return CoordinatorNode.RunSweep(node, o.MinWorkers, loggers, lines, lineFormat, settings, spec, snapshot, StartWorkers, cancel);
        var system = NodeSystem.Create("troupe", Akka.Configuration.Config.Empty, loggers);
        try
        {
            var coordinator = StartSweep(system, spec, snapshot, settings);
            StartWorkers(system, coordinator);
            return AwaitSweep(system, coordinator, cancel).Summary;
        }
        finally
        {
            if (!system.Terminate().Wait(TimeSpan.FromSeconds(30))) stderr.WriteLine("troupe-coordinator: the actor system did not stop within 30 s");
        }
    }

    /// <summary>The sweep's host actor at <see cref="WorkerNode.CoordinatorPath"/> of <paramref name="system"/>.</summary>
    internal static IActorRef StartSweep(ActorSystem system, ExperimentSpec spec, JournalSnapshot? snapshot, CoordinatorSettings settings) =>
        system.ActorOf(SweepHost.Props(spec, snapshot, settings), WorkerNode.CoordinatorPath["/user/".Length..]);

    /// <summary>
    /// How a sweep's wait ended: its summary; or none, because the command was cancelled (<see cref="SystemEnded"/>
    /// false) or because the actor system terminated under it (true: Akka's coordinated shutdown ran).
    /// </summary>
    internal sealed record SweepWait(SweepSummary? Summary, bool SystemEnded);

    internal static SweepWait AwaitSweep(ActorSystem system, IActorRef coordinator, CancellationToken cancel)
    {
        var done = coordinator.Ask<SweepCompleted>(new AwaitSweep(), cancellationToken: cancel);
        try
        {
            var first = Task.WhenAny(done, system.WhenTerminated).GetAwaiter().GetResult();
            return first == done ? new SweepWait(done.GetAwaiter().GetResult().Summary, false) : new SweepWait(null, true);
        }
        catch (OperationCanceledException)
        {
            return new SweepWait(null, false);
        }
    }

    internal static JournalSnapshot? ReadSnapshot(string runDir)
    {
        using var journal = RunJournal.Open(runDir);
        return journal.Snapshot();
    }
}
