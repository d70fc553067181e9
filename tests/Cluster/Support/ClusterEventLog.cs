using System.Collections.Concurrent;
using Troupe.Actors;
using Troupe.Cluster.Membership.Events;

namespace Troupe.Cluster.Tests.Support;

/// <summary>Every cluster event one system publishes (initial state as events), in order, to be awaited and inspected.</summary>
public sealed class ClusterEventLog
{
    private readonly ConcurrentQueue<ClusterEvent> _events = new();

    private ClusterEventLog() { }

    public static ClusterEventLog Of(ActorSystem system)
    {
        var log = new ClusterEventLog();
        var recorder = system.ActorOf(Props.Create(() => new Recorder(log._events)));
        Cluster.Get(system).Subscribe(recorder, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent));
        return log;
    }

    public IReadOnlyList<ClusterEvent> Events => [.. _events];

    public Task<T> WaitForAsync<T>(Func<T, bool> predicate, string what) where T : ClusterEvent =>
        WaitForAsync(predicate, what, ClusterHarness.Bound);

    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, string what, TimeSpan bound) where T : ClusterEvent
    {
        T? found = null;
        await ClusterHarness.AwaitAsync(() => (found = _events.OfType<T>().FirstOrDefault(predicate)) is not null, what, bound);
        return found!;
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ConcurrentQueue<ClusterEvent> events) => Receive<ClusterEvent>(events.Enqueue);
    }
}
