using System.Text;
using Akka.Actor.Setup;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Worker.Agent;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// Starts coordinators and in-process workers in the test's actor system, as <c>troupe-coordinator run</c> does, with
/// the log captured in <see cref="LogText"/> and a run directory per name under a temp folder.
/// </summary>
public abstract class SweepSpecsBase(ITestOutputHelper output, ActorSystemSetup? setup = null, string systemName = "test")
    : TestKit(setup ?? NodeSystem.Setup(NodeConfig.Actors, NullLoggerFactory.Instance), systemName, output), IDisposable
{
    protected static readonly TimeSpan SweepTimeout = TimeSpan.FromSeconds(40);
    private readonly StringBuilder log = new();

    protected TempFolder Folder { get; } = new();

    protected string LogText
    {
        get
        {
            lock (log) return log.ToString();
        }
    }

    protected static ExperimentSpec Spec(string yaml) => ParseSpec(yaml);

    /// <summary>The spec <paramref name="yaml"/> read as the file <c>test.yaml</c>.</summary>
    internal static ExperimentSpec ParseSpec(string yaml) => new ExperimentSpecReader(SweepValidation.ModelNames).Parse(yaml, "test.yaml");

    internal static JournalSnapshot Snapshot(string runDir)
    {
        using var journal = RunJournal.Open(runDir);
        return journal.Snapshot() ?? throw new InvalidOperationException($"no experiment journaled in {runDir}");
    }

    /// <summary>A coordinator for <paramref name="spec"/> in <paramref name="runDir"/> (resumed when it holds a journal); <paramref name="subscriber"/> hears its events.</summary>
    /// <param name="adjust">Changes to the settings (a live view, another log format).</param>
    internal IActorRef StartCoordinator(ExperimentSpec spec, string runDir, IActorRef? subscriber = null, string name = "coordinator",
        Func<CoordinatorSettings, CoordinatorSettings>? adjust = null)
    {
        var snapshot = RunJournal.Exists(runDir) ? Snapshot(runDir) : null;
        var settings = new CoordinatorSettings(runDir, null, new LogWriter(log), LogFormat.Text, TimeSpan.Zero);
        if (adjust is not null) settings = adjust(settings);
        var coordinator = Sys.ActorOf(ExperimentCoordinator.Props(spec, snapshot, settings), name);
        if (subscriber is not null) coordinator.Tell(new SubscribeSweep(subscriber));
        return coordinator;
    }

    /// <summary>An in-process worker <paramref name="workerId"/>; <paramref name="name"/> is its actor's name (default: the id).</summary>
    protected IActorRef StartWorker(IActorRef coordinator, string workerId, int slots = 1, string? name = null) =>
        Sys.ActorOf(WorkerAgent.Props(coordinator, WorkerSettings.Create(workerId, slots)), name ?? workerId);

    protected SweepSummary AwaitSweep(IActorRef coordinator)
    {
        var probe = CreateTestProbe();
        probe.Send(coordinator, new AwaitSweep());
        var summary = probe.ExpectMsg<SweepCompleted>(SweepTimeout).Summary;
        summary.State.Should().Be("finished", "the sweep ends normally; log:\n{0}", LogText);
        return summary;
    }

    /// <summary>Events until the sweep finishes, in order.</summary>
    protected static List<SweepEvent> EventsUntilFinished(TestProbe subscriber)
    {
        var events = new List<SweepEvent>();
        while (events.LastOrDefault() is not SweepFinished) events.Add(subscriber.ExpectMsg<SweepEvent>(SweepTimeout));
        return events;
    }

    void IDisposable.Dispose()
    {
        Dispose();
        Folder.Dispose();
    }

    private sealed class LogWriter(StringBuilder sink) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (sink) sink.Append(value);
        }

        public override void Write(string? value)
        {
            lock (sink) sink.Append(value);
        }
    }
}
