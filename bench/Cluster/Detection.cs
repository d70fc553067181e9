using Akka.Actor;
using System.Diagnostics;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Bench.Cluster;

/// <summary>
/// Time from kill -9 of a member process to UnreachableMember at the observer (this process, the seed, role
/// coordinator), and to its MemberDowned (by the split-brain resolver: keep-oldest on the coordinator role), for one
/// setting: a fresh observer, a second in-process member and a fresh child per run.
/// </summary>
public static class Detection
{
    public static (double Unreachable, double Downed, int FalseAlarms) Run(string timing)
    {
        var port = Nodes.FreePort();
        var system = Nodes.System(port, timing, "coordinator");
        var helper = Nodes.System(0, timing, "worker", port);
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
            var events = new BlockingQueue();
            var recorder = system.ActorOf(Props.Create(() => new Recorder(events)));
            cluster.Subscribe(recorder, InitialStateAsEvents, typeof(MemberUp), typeof(UnreachableMember), typeof(MemberDowned));
            using var child = Nodes.StartChild("node", $"{port}", timing);
            var helperNode = Akka.Cluster.Cluster.Get(helper).SelfUniqueAddress;
            var childUp = events.Take<MemberUp>(e => e.Member.Address.Port != port && !e.Member.UniqueAddress.Equals(helperNode), TimeSpan.FromSeconds(30));
            // 20 heartbeat intervals first: the detector's two prior samples (mean ± mean/4) no longer dominate its
            // deviation, as on a node that has been up a while.
            Thread.Sleep(Akka.Cluster.Cluster.Get(system).Settings.HeartbeatInterval * 20);
            // An unreachable of the live child during the warm-up is a false alarm: counted, and not taken for the kill's.
            var falseAlarms = events.Drain<UnreachableMember>(e => e.Member.UniqueAddress.Equals(childUp.Member.UniqueAddress));
            var clock = Stopwatch.StartNew();
            child.Kill();
            events.Take<UnreachableMember>(e => e.Member.UniqueAddress.Equals(childUp.Member.UniqueAddress), TimeSpan.FromSeconds(30));
            var unreachable = clock.Elapsed.TotalSeconds;
            events.Take<MemberDowned>(e => e.Member.UniqueAddress.Equals(childUp.Member.UniqueAddress), TimeSpan.FromSeconds(60));
            return (unreachable, clock.Elapsed.TotalSeconds, falseAlarms);
        }
        finally
        {
            Task.WaitAll([system.Terminate(), helper.Terminate()], TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Child mode: a member that joins the observer at <paramref name="seedPort"/> and waits to be killed.</summary>
    public static void Child(int seedPort, string timing)
    {
        var system = Nodes.System(0, timing, "worker", seedPort);
        Console.WriteLine("ready");
        system.WhenTerminated.Wait();
    }

    private sealed class BlockingQueue
    {
        private readonly global::System.Collections.Concurrent.BlockingCollection<IClusterDomainEvent> _events = new();

        public void Add(IClusterDomainEvent e) => _events.Add(e);

        /// <summary>Empties the queue; returns how many of its events were <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
        public int Drain<T>(Func<T, bool> predicate) where T : IClusterDomainEvent
        {
            var n = 0;
            while (_events.TryTake(out var e))
                if (e is T t && predicate(t)) n++;
            return n;
        }

        public T Take<T>(Func<T, bool> predicate, TimeSpan bound) where T : IClusterDomainEvent
        {
            var clock = Stopwatch.StartNew();
            while (_events.TryTake(out var e, bound - clock.Elapsed > TimeSpan.Zero ? bound - clock.Elapsed : TimeSpan.Zero))
                if (e is T t && predicate(t)) return t;
            throw new TimeoutException($"expected a {typeof(T).Name} within {bound}");
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(BlockingQueue events) => Receive<IClusterDomainEvent>(events.Add);
    }
}
