using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Node.Transfer;
using Troupe.Worker.Protocol.Wire;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// A remoting-only actor system in the test process (no cluster membership, the cluster's secret) that sends trial
/// messages over the wire to an actor of a troupe process, as a worker would.
/// </summary>
public sealed class RemoteSender : IDisposable
{
    private readonly ActorSystem system;

    public RemoteSender()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """).WithFallback(TrialMessageSerializer.Config);
        system = NodeSystem.Create(ClusterNodeOptions.SystemName, config, NullLoggerFactory.Instance, TroupeProcess.Secret);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="path"/> (<c>akka.tcp://troupe@host:port/user/...</c>).</summary>
    public void Send(string path, object message) => ((ExtendedActorSystem)system).Provider.ResolveActorRef(path).Tell(message, ActorRefs.NoSender);

    /// <summary>An offer of <paramref name="bytes"/> from this system (a checkpoint as a worker would offer it).</summary>
    public BlobOffer Offer(byte[] bytes) => BlobTransfer.Offer(system, bytes).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().Offer;

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
