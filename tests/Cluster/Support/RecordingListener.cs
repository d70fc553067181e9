using System.Collections.Concurrent;
using System.Threading.Channels;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Transport;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Tests.Support;

/// <summary>Records what a transport reports; envelopes can be awaited in arrival order.</summary>
public sealed class RecordingListener : ITransportListener
{
    private readonly Channel<(UniqueAddress From, Envelope Envelope)> _received = Channel.CreateUnbounded<(UniqueAddress, Envelope)>();

    public ConcurrentQueue<(NodeAddress Recipient, Envelope Envelope, string Reason)> Dropped { get; } = new();
    public ConcurrentQueue<(UniqueAddress Previous, UniqueAddress Current)> Incarnations { get; } = new();
    public ConcurrentQueue<(UniqueAddress Remote, AssociationDirection Direction)> Associations { get; } = new();
    public ConcurrentQueue<(NodeAddress Remote, string Reason)> QuarantinedByPeer { get; } = new();

    public void OnEnvelope(UniqueAddress from, Envelope envelope) => _received.Writer.TryWrite((from, envelope));
    public void OnAssociated(UniqueAddress remote, AssociationDirection direction) => Associations.Enqueue((remote, direction));
    public void OnNewIncarnation(UniqueAddress previous, UniqueAddress current) => Incarnations.Enqueue((previous, current));
    public void OnDropped(NodeAddress recipient, Envelope envelope, string reason) => Dropped.Enqueue((recipient, envelope, reason));
    public void OnQuarantinedByPeer(NodeAddress remote, string reason) => QuarantinedByPeer.Enqueue((remote, reason));

    /// <summary>The next envelope, or a failure naming what was awaited after <paramref name="timeout"/>.</summary>
    public async Task<(UniqueAddress From, Envelope Envelope)> NextAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected an envelope within {limit}, got none");
        }
    }

    public bool TryNext(out (UniqueAddress From, Envelope Envelope) next) => _received.Reader.TryRead(out next);
}
