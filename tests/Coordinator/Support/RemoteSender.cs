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
        var config = NodeConfig.Remoting().WithFallback(TrialMessageSerializer.Config);
        system = NodeSystem.Create(ClusterNodeOptions.SystemName, config, NullLoggerFactory.Instance, TroupeProcess.Secret);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="path"/> (<c>akka.ssl.tcp://troupe@host:port/user/...</c>).</summary>
    public void Send(string path, object message) => Send(path, message, null);

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="path"/> as if from the actor at <paramref name="senderPath"/>
    /// (an address of any node: whoever answers connects there).
    /// </summary>
    public void Send(string path, object message, string? senderPath) =>
        Resolve(path).Tell(message, senderPath is null ? ActorRefs.NoSender : Resolve(senderPath));

    private IActorRef Resolve(string path) => ((ExtendedActorSystem)system).Provider.ResolveActorRef(path);

    /// <summary>An offer of <paramref name="bytes"/> from this system (a checkpoint as a worker would offer it).</summary>
    public BlobOffer Offer(byte[] bytes) => BlobTransfer.Offer(system, bytes).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().Offer;

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
