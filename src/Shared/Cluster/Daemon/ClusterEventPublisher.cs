using Troupe.Actors;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Addressing;
using static Troupe.Cluster.Daemon.ClusterMessages;

namespace Troupe.Cluster.Daemon;

/// <summary>
/// <c>/system/cluster/publisher</c>: publishes the core's cluster events on the event stream, and gives a new
/// subscriber its initial state (snapshot or events) before subscribing it, all from this one actor, so a
/// subscriber sees its initial state and then every later event, in order.
/// </summary>
internal sealed class ClusterEventPublisher : ReceiveActor
{
    private readonly UniqueAddress _self;
    private MembershipState _state = MembershipState.Empty;

    public ClusterEventPublisher(UniqueAddress self)
    {
        _self = self;
        Receive<StateChanged>(OnStateChanged);
        Receive<Subscribe>(OnSubscribe);
        Receive<Unsubscribe>(u =>
        {
            if (u.To is null) Context.System.EventStream.Unsubscribe(u.Subscriber);
            else Context.System.EventStream.Unsubscribe(u.Subscriber, u.To);
        });
        Receive<SendCurrentState>(s => s.Receiver.Tell(CurrentClusterState.Of(_state, _self), Self));
    }

    private void OnStateChanged(StateChanged changed)
    {
        _state = changed.State;
        foreach (var e in changed.Events) Context.System.EventStream.Publish(e);
    }

    private void OnSubscribe(Subscribe subscribe)
    {
        if (subscribe.Mode == SubscriptionInitialStateMode.InitialStateAsSnapshot)
            subscribe.Subscriber.Tell(CurrentClusterState.Of(_state, _self), Self);
        else
            foreach (var e in ClusterEventDiff.Between(MembershipState.Empty, _state, _self))
                if (subscribe.To.Any(t => t.IsInstanceOfType(e))) subscribe.Subscriber.Tell(e, Self);
        foreach (var type in subscribe.To) Context.System.EventStream.Subscribe(subscribe.Subscriber, type);
    }
}
