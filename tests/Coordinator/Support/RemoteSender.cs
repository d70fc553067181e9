using System.Collections.Immutable;
using Troupe.Cluster;
using Troupe.Cluster.Remote.Actors;
using Troupe.Worker.Protocol.Wire;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// A remoting-only actor system in the test process (same secret, no cluster membership) that sends trial messages
/// over the wire to an actor of a troupe process, as a worker would.
/// </summary>
public sealed class RemoteSender : IDisposable
{
    private readonly ActorSystem system;

    public RemoteSender()
    {
        var options = new ClusterNodeOptions("127.0.0.1", 0, null, null, TroupeProcess.Secret, [], ImmutableSortedSet<string>.Empty,
            ImmutableDictionary<string, int>.Empty, "tight");
        system = ActorSystem.Create(ClusterNodeOptions.SystemName, ActorSystemSettings.Default with { ProviderFactory = RemoteActorRefProvider.Factory(options.ToSettings()) });
        TrialMessageSerializer.BindTo(system);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="path"/> (<c>troupe://troupe@host:port/user/...</c>).</summary>
    public void Send(string path, object message) => system.Provider.ResolveActorRef(path).Tell(message, null);

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
