using Akka.Actor;
using Akka.Streams;

namespace Troupe.Node.Transfer;

/// <summary>
/// One Akka.Streams materializer per actor system for <see cref="BlobTransfer"/>: streams it runs live until they end,
/// whichever actor started them (an actor's own materializer would stop its streams with it).
/// </summary>
internal sealed class BlobTransfers : IExtension
{
    internal BlobTransfers(ExtendedActorSystem system) =>
        Materializer = ActorMaterializer.Create(system, ActorMaterializerSettings.Create(system), "troupe-blob-transfers");

    /// <summary>The node's materializer for transfers.</summary>
    public IMaterializer Materializer { get; }

    /// <summary>The extension of <paramref name="system"/> (created on first use).</summary>
    public static BlobTransfers For(ActorSystem system) => system.WithExtension<BlobTransfers, Provider>();

    /// <summary>Akka's extension id.</summary>
    public sealed class Provider : ExtensionIdProvider<BlobTransfers>
    {
        public override BlobTransfers CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
