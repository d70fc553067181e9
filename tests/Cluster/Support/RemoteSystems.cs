using Troupe.Actors;
using Troupe.Cluster.Remote.Actors;

namespace Troupe.Cluster.Tests.Support;

/// <summary>Remote-capable actor systems on loopback.</summary>
public static class RemoteSystems
{
    public static ActorSystemSettings Settings(ClusterSettings? cluster = null) =>
        ActorSystemSettings.Default with { ProviderFactory = RemoteActorRefProvider.Factory(cluster ?? ClusterSettings.Tight(Transports.Settings())) };

    public static ActorSystem Create(string name, ClusterSettings? cluster = null) => ActorSystem.Create(name, Settings(cluster));

    public static RemoteActorRefProvider Remote(this ActorSystem system) => (RemoteActorRefProvider)system.Provider;
}
