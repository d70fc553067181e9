using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Coordinator.Membership;

/// <summary>
/// Completes <c>open</c> once <c>min</c> members of role <c>worker</c> are Up. <c>min-nr-of-members</c> holds members
/// back only while the coordinator is the leader, and the leader is the member with the lowest address, which may be a
/// worker (whose config does not know <c>--min-workers</c>): so the coordinator counts for itself before the sweep starts.
/// </summary>
internal sealed class WorkersUpGate : ReceiveActor
{
    private readonly HashSet<UniqueAddress> up = [];

    public WorkersUpGate(int min, TaskCompletionSource open)
    {
        Receive<MemberUp>(m => m.Member.HasRole("worker"), m =>
        {
            up.Add(m.Member.UniqueAddress);
            if (up.Count >= min) open.TrySetResult();
        });
        Receive<IMemberEvent>(m => m is MemberRemoved or MemberLeft or MemberExited or MemberDowned, m => up.Remove(m.Member.UniqueAddress));
        Receive<IMemberEvent>(_ => { });
        if (min <= 0) open.TrySetResult();
    }

    public static Props Props(int min, TaskCompletionSource open) => Akka.Actor.Props.Create(() => new WorkersUpGate(min, open));

    protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
