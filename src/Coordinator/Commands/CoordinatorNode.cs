using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using Troupe.Node;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using System.Net.Sockets;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Membership;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Sweep;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol.Wire;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// The coordinator's node of a real cluster (<c>run/resume --listen</c>): an actor system on the remote provider with
/// role <c>coordinator</c> that forms the cluster (it is the first seed: workers join through it), binds the trial
/// messages' serializer, logs every membership change, and starts the sweep only once it is Up with <c>--min-workers</c>
/// workers Up (min-nr-of-members for role <c>worker</c> while it leads, <see cref="WorkersUpGate"/> whoever leads).
/// The sweep actor goes to <see cref="WorkerNode.CoordinatorPath"/>.
/// </summary>
internal static class CoordinatorNode
{
    /// <summary>
    /// Runs the sweep on a coordinator node and returns its summary (null: <paramref name="cancel"/> fired). When the
    /// node's actor system ends under the sweep (Akka's coordinated shutdown: Akka.Remote 1.5.75 runs it when an outbound
    /// TLS handshake fails, which a worker dying or a partition healing mid-handshake also causes), it says so in the
    /// membership log and starts a new incarnation on the same address that resumes from the journal, as
    /// <c>troupe-coordinator resume</c> would: workers down themselves when the coordinator goes and join the new one.
    /// A stop of the process itself (SIGTERM, Ctrl+C) ends it instead: null, as for <paramref name="cancel"/>.
    /// <paramref name="startWorkers"/> adds the in-process workers of each incarnation (<c>--local-workers</c>).
    /// </summary>
    public static SweepSummary? RunSweep(ClusterNodeOptions node, int minWorkers, ILoggerFactory loggers, TextWriter lines, LogFormat format,
        CoordinatorSettings settings, ExperimentSpec spec, JournalSnapshot? snapshot, Action<ActorSystem, IActorRef> startWorkers, CancellationToken cancel)
    {
        var start = settings.LogStart ?? DateTime.UtcNow;
        while (true)
        {
            var (system, up) = Start(node, minWorkers, loggers, lines, format, start, cancel);
            if (system is null) return null;
            var ended = false;
            try
            {
                if (up)
                {
                    var coordinator = LocalSweep.StartSweep(system, spec, snapshot, settings);
                    startWorkers(system, coordinator);
                    var wait = LocalSweep.AwaitSweep(system, coordinator, cancel);
                    if (!wait.SystemEnded) return wait.Summary;
                }
                ended = true;
            }
            finally
            {
                if (!ended) Stop(system, TimeSpan.FromSeconds(10));
            }
            var address = Cluster.Get(system).SelfAddress;
            // The process is being stopped (SIGTERM or Ctrl+C: Akka's exit hook ran the shutdown): that is the user's
            // stop, not a fault to come back from; `resume` continues the sweep.
            var shutdown = CoordinatedShutdown.Get(system).ShutdownReason;
            if (cancel.IsCancellationRequested || shutdown is CoordinatedShutdown.ClrExitReason) return null;
            var reason = shutdown?.ToString() ?? "the actor system terminated";
            MembershipLog.Write(lines, format, start, "ended", address, [WorkerNode.CoordinatorRole], $"{reason}; a new incarnation resumes the sweep from the journal");
            snapshot = LocalSweep.ReadSnapshot(settings.RunDirectory);
            if (snapshot is { Finished: true }) return Finished(snapshot, spec, settings.RunDirectory);
            if (cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1))) return null;
        }
    }

    /// <summary>
    /// A started node and whether it is Up: false when its system ended before <c>--min-workers</c> workers joined.
    /// The node is null when <paramref name="cancel"/> fired while waiting. A port still held by the previous
    /// incarnation is retried for up to 30 s.
    /// </summary>
    private static (ActorSystem? System, bool Up) Start(ClusterNodeOptions node, int minWorkers, ILoggerFactory loggers, TextWriter stdout, LogFormat format,
        DateTime start, CancellationToken cancel)
    {
        var options = node with
        {
            Roles = ImmutableSortedSet.Create(StringComparer.Ordinal, WorkerNode.CoordinatorRole),
            MinMembersPerRole = ImmutableDictionary<string, int>.Empty.Add("worker", minWorkers),
            Seeds = [],
        };
        var system = Bind(options, loggers, cancel);
        if (system is null) return (null, false);
        var cluster = Cluster.Get(system);
        var log = system.ActorOf(MembershipLog.Props(stdout, format, start), "membership");
        cluster.Subscribe(log, InitialStateAsEvents, MembershipLog.Events);
        var selfUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => selfUp.TrySetResult());
        var workersUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(WorkersUpGate.Props(minWorkers, workersUp), "workers-up");
        var up = Task.WhenAll(selfUp.Task, workersUp.Task);
        cluster.Join(cluster.SelfAddress);
        if (format == LogFormat.Text)
        {
            stdout.WriteLine($"coordinator {cluster.SelfAddress} listening; waiting for {minWorkers} worker{(minWorkers == 1 ? "" : "s")} "
                + $"(troupe-worker --seed {cluster.SelfAddress.Host}:{cluster.SelfAddress.Port})");
            stdout.Flush();
        }
        try
        {
            var first = Task.WhenAny(up, system.WhenTerminated).WaitAsync(cancel).GetAwaiter().GetResult();
            return (system, first == up);
        }
        catch (OperationCanceledException)
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            return (null, false);
        }
    }

    private static ActorSystem? Bind(ClusterNodeOptions options, ILoggerFactory loggers, CancellationToken cancel)
    {
        var config = NodeConfig.For(options).WithFallback(TrialMessageSerializer.Config);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return NodeSystem.Create(ClusterNodeOptions.SystemName, config, loggers, options.Secret);
            }
            catch (Exception e) when (e is SocketException or Akka.Remote.RemoteTransportException && attempt < 30)
            {
                // The previous incarnation's port may take a moment to be released.
                if (cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1))) return null;
            }
        }
    }

    /// <summary>The summary of a sweep the journal says finished (it did just before its node ended).</summary>
    private static SweepSummary Finished(JournalSnapshot snapshot, ExperimentSpec spec, string runDir)
    {
        int Count(TrialStatus status) => snapshot.Trials.Count(t => t.Status == status);
        return new SweepSummary(spec.Name, runDir, "finished", snapshot.Trials.Count, Count(TrialStatus.Completed), Count(TrialStatus.Stopped),
            Count(TrialStatus.Failed), spec.Train.Metric, null, null, null, TimeSpan.Zero);
    }

    /// <summary>
    /// Leaves the cluster through Akka's coordinated shutdown (workers see the coordinator removed and wait for the
    /// next one), which then terminates the system.
    /// </summary>
    public static void Stop(ActorSystem system, TimeSpan timeout)
    {
        if (!CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).Wait(timeout)) system.Terminate();
        system.WhenTerminated.Wait(timeout);
    }
}
