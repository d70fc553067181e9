using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.Membership.Events;

namespace Troupe.Cluster.Daemon;

/// <summary>Runs a <see cref="Cluster.RegisterOnMemberUp"/> callback when this node's MemberUp arrives, then stops.</summary>
internal sealed class OnMemberUpListener : ReceiveActor
{
    private readonly Cluster _cluster;

    public OnMemberUpListener(Cluster cluster, Action callback)
    {
        _cluster = cluster;
        Receive<MemberUp>(up => up.Member.Node == cluster.SelfUniqueAddress, _ =>
        {
            Context.Stop(Self);
            try
            {
                callback();
            }
            catch (Exception e)
            {
                // A callback's failure is the caller's bug: logged loudly; not retried (it would run twice).
                Log.LogError(e, "An on-member-up callback failed");
            }
        });
        Receive<MemberUp>(_ => { });
    }

    protected override void PreStart() => _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberUp));

    protected override void PostStop() => _cluster.Unsubscribe(Self);
}
