using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using Troupe.Node;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Troupe.Coordinator.Membership;
using Troupe.Coordinator.Reporting;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol.Wire;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// The coordinator's node of a real cluster (<c>run/resume --listen</c>): an actor system on the remote provider with
/// role <c>coordinator</c> that forms the cluster (it is the first seed: workers join through it), binds the trial
/// messages' serializer, logs every membership change, and is Up only once <c>--min-workers</c> workers joined
/// (min-nr-of-members for role <c>worker</c>). The sweep actor goes to <see cref="WorkerNode.CoordinatorPath"/>.
/// </summary>
internal static class CoordinatorNode
{
    /// <summary>A started node, Up; null when <paramref name="cancel"/> fired while waiting for the workers.</summary>
    public static ActorSystem? Start(ClusterNodeOptions node, int minWorkers, ILoggerFactory loggers, TextWriter stdout, LogFormat format,
        DateTime start, CancellationToken cancel)
    {
        var options = node with
        {
            Roles = ImmutableSortedSet.Create(StringComparer.Ordinal, WorkerNode.CoordinatorRole),
            MinMembersPerRole = ImmutableDictionary<string, int>.Empty.Add("worker", minWorkers),
            Seeds = [],
        };
        var system = NodeSystem.Create(ClusterNodeOptions.SystemName, NodeConfig.For(options).WithFallback(TrialMessageSerializer.Config), loggers, options.Secret);
        var cluster = Cluster.Get(system);
        var log = system.ActorOf(MembershipLog.Props(stdout, format, start), "membership");
        cluster.Subscribe(log, InitialStateAsEvents, MembershipLog.Events);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        if (format == LogFormat.Text)
        {
            stdout.WriteLine($"coordinator {cluster.SelfAddress} listening; waiting for {minWorkers} worker{(minWorkers == 1 ? "" : "s")} "
                + $"(troupe-worker --seed {cluster.SelfAddress.Host}:{cluster.SelfAddress.Port})");
            stdout.Flush();
        }
        try
        {
            up.Task.Wait(cancel);
            return system;
        }
        catch (OperationCanceledException)
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            return null;
        }
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
