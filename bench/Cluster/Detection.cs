using System.Diagnostics;
using Troupe.Actors;
using Troupe.Cluster.Membership.Events;

namespace Troupe.Cluster.Bench;

/// <summary>
/// Time from kill -9 of a member process to UnreachableMember at the observer (this process, the seed), and to
/// its MemberDowned, for one setting: a fresh observer, a second in-process member (so the observer's side is the
/// majority and downs the victim) and a fresh child per run.
/// </summary>
public static class Detection
{
    public static (double Unreachable, double Downed) Run(string timing)
    {
        var port = Nodes.FreePort();
        var transport = Nodes.Transport(port);
        var settings = timing == "tight" ? ClusterSettings.Tight(transport) : ClusterSettings.Default(transport);
        var system = Nodes.System(settings);
        var helper = Nodes.System(settings with { Transport = Nodes.Transport(0) });
        try
        {
            var cluster = Cluster.Get(system);
            cluster.Join(system.Address);
            Cluster.Get(helper).Join(system.Address);
            var events = new BlockingQueue();
            var recorder = system.ActorOf(Props.Create(() => new Recorder(events)));
            cluster.Subscribe(recorder, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberUp), typeof(UnreachableMember), typeof(MemberDowned));
            using var child = Nodes.StartChild("node", $"{port}", timing);
            var helperNode = Cluster.Get(helper).SelfUniqueAddress;
            var childUp = events.Take<MemberUp>(e => e.Member.Address.Port != port && e.Member.Node != helperNode, TimeSpan.FromSeconds(30));
            // 20 heartbeat intervals first: the detector's two prior samples (mean ± mean/4) no longer dominate its
            // deviation, as on a node that has been up a while.
            Thread.Sleep(settings.FailureDetector.HeartbeatInterval * 20);
            var clock = Stopwatch.StartNew();
            child.Kill();
            events.Take<UnreachableMember>(e => e.Member.Node == childUp.Member.Node, TimeSpan.FromSeconds(30));
            var unreachable = clock.Elapsed.TotalSeconds;
            events.Take<MemberDowned>(e => e.Member.Node == childUp.Member.Node, TimeSpan.FromSeconds(60));
            return (unreachable, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            Task.WaitAll([system.Terminate(), helper.Terminate()], TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Child mode: a member that joins the observer at <paramref name="seedPort"/> and waits to be killed.</summary>
    public static void Child(int seedPort, string timing)
    {
        var transport = Nodes.Transport(0);
        var settings = timing == "tight" ? ClusterSettings.Tight(transport) : ClusterSettings.Default(transport);
        var system = Nodes.System(settings);
        Cluster.Get(system).Join(new Address(Address.DefaultProtocol, "bench", "127.0.0.1", seedPort));
        Console.WriteLine("ready");
        system.WhenTerminated.Wait();
    }

    private sealed class BlockingQueue
    {
        private readonly global::System.Collections.Concurrent.BlockingCollection<ClusterEvent> _events = new();

        public void Add(ClusterEvent e) => _events.Add(e);

        public T Take<T>(Func<T, bool> predicate, TimeSpan bound) where T : ClusterEvent
        {
            var clock = Stopwatch.StartNew();
            while (_events.TryTake(out var e, bound - clock.Elapsed > TimeSpan.Zero ? bound - clock.Elapsed : TimeSpan.Zero))
                if (e is T t && predicate(t)) return t;
            throw new TimeoutException($"expected a {typeof(T).Name} within {bound}");
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(BlockingQueue events) => Receive<ClusterEvent>(events.Add);
    }
}
