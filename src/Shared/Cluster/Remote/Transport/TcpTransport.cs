using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// Envelope transport over TCP: a listener for inbound associations and one outbound association per peer
/// address. Per sender→receiver pair, envelopes arrive in the order they were sent. Incarnations (uids) are
/// tracked per address; a quarantined incarnation can neither connect nor be connected to.
/// <para>Thread-safe. Start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/>.</para>
/// </summary>
public sealed class TcpTransport : IAsyncDisposable
{
    private readonly ConcurrentDictionary<NodeAddress, OutboundAssociation> _outbound = new();
    private readonly ConcurrentDictionary<InboundConnection, byte> _inbound = new();
    private readonly ConcurrentDictionary<UniqueAddress, string> _quarantined = new();
    private readonly ConcurrentDictionary<NodeAddress, UniqueAddress> _incarnations = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ulong _uid;
    private Socket? _listener;
    private Task? _acceptLoop;
    private Timer? _idleTimer;
    private UniqueAddress? _local;
    private int _disposed;

    public TcpTransport(TransportSettings settings, ITransportListener listener, ILogger? logger = null)
    {
        Settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        Listener = listener ?? throw new ArgumentNullException(nameof(listener));
        Logger = logger ?? NullLogger.Instance;
        _uid = settings.Uid ?? UniqueAddress.NewUid();
        Certificate = settings.Tls?.LoadCertificate();
    }

    public TransportSettings Settings { get; }

    internal ITransportListener Listener { get; }
    internal ILogger Logger { get; }
    internal X509Certificate2? Certificate { get; }

    /// <summary>This incarnation: advertised address plus uid.</summary>
    /// <exception cref="InvalidOperationException">before <see cref="StartAsync"/>.</exception>
    public UniqueAddress LocalAddress => _local ?? throw new InvalidOperationException("expected a started transport, got one not started yet");

    /// <summary>The endpoint the listener is bound to.</summary>
    public IPEndPoint BoundEndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("expected a started transport, got one not started yet"));

    /// <summary>Binds the listener and starts accepting associations.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not null) throw new InvalidOperationException("expected a transport not started yet, got one already started");
        var bindAddress = await ResolveBindAddressAsync(Settings.BindHost, cancellationToken).ConfigureAwait(false);
        var listener = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(bindAddress, Settings.BindPort));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        var publicHost = Settings.PublicHost ?? (bindAddress.Equals(IPAddress.Any) || bindAddress.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : Settings.BindHost);
        _local = new UniqueAddress(new NodeAddress(Settings.SystemName, publicHost, Settings.PublicPort ?? BoundEndPoint.Port), _uid);
        var idleCheck = TimeSpan.FromTicks(Math.Max(Settings.InboundIdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));
        _idleTimer = new Timer(_ => CheckIdle(), null, idleCheck, idleCheck);
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        Logger.LogInformation("Transport listening on {Bind}, advertised as {Local}", BoundEndPoint, _local);
    }

    /// <summary>
    /// Queues an envelope for <paramref name="recipient"/>, waiting while that peer's queue is full (backpressure).
    /// </summary>
    /// <exception cref="MessageTooLargeException">the payload exceeds the maximum message size.</exception>
    public ValueTask SendAsync(NodeAddress recipient, Envelope envelope, CancellationToken cancellationToken = default)
    {
        var association = Prepare(recipient, envelope);
        return association is null ? ValueTask.CompletedTask : association.EnqueueAsync(envelope, cancellationToken);
    }

    /// <summary>Queues an envelope if the peer's queue has room; false (nothing queued) when it is full.</summary>
    /// <exception cref="MessageTooLargeException">the payload exceeds the maximum message size.</exception>
    public bool TrySend(NodeAddress recipient, Envelope envelope)
    {
        var association = Prepare(recipient, envelope);
        return association is null || association.TryEnqueue(envelope);
    }

    /// <summary>
    /// Quarantines one incarnation: its connections close, handshakes from or to it are refused, and envelopes
    /// for it become dead letters. A restart of that node (a new uid) is not affected.
    /// </summary>
    public void Quarantine(UniqueAddress incarnation, string reason)
    {
        if (!_quarantined.TryAdd(incarnation, reason)) return;
        Logger.LogWarning("Quarantined {Incarnation}: {Reason}", incarnation, reason);
        if (_outbound.TryGetValue(incarnation.Address, out var association)) association.Disconnect(incarnation);
        foreach (var connection in _inbound.Keys)
            if (connection.Remote == incarnation) connection.Close();
    }

    /// <summary>Open inbound connections, handshaken or not.</summary>
    public int InboundConnectionCount => _inbound.Count;

    public bool IsQuarantined(UniqueAddress incarnation) => _quarantined.ContainsKey(incarnation);

    /// <summary>The last incarnation seen at an address by any handshake, if any.</summary>
    public UniqueAddress? IncarnationAt(NodeAddress address) => _incarnations.GetValueOrDefault(address);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_idleTimer is not null) await _idleTimer.DisposeAsync().ConfigureAwait(false);
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _inbound.Keys) connection.Close();
        await Task.WhenAll(_outbound.Values.Select(a => a.StopAsync())).ConfigureAwait(false);
        Certificate?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Records the incarnation a handshake found at its address and reports a restart.</summary>
    internal void NoteIncarnation(UniqueAddress incarnation)
    {
        UniqueAddress? before = null;
        _incarnations.AddOrUpdate(incarnation.Address, incarnation, (_, old) =>
        {
            before = old;
            return incarnation;
        });
        if (before is not null && before != incarnation)
        {
            Logger.LogInformation("{Address} restarted: incarnation {Old} replaced by {New}", incarnation.Address, before.Uid, incarnation.Uid);
            Listener.OnNewIncarnation(before, incarnation);
        }
    }

    private OutboundAssociation? Prepare(NodeAddress recipient, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(envelope);
        if (_local is null) throw new InvalidOperationException("expected a started transport, got one not started yet");
        if (envelope.Payload.Length > Settings.MaximumMessageSize)
        {
            var error = new MessageTooLargeException(envelope.Payload.Length, Settings.MaximumMessageSize, envelope.Recipient);
            Logger.LogError("Refused to send: {Reason}", error.Message);
            throw error;
        }
        if (Volatile.Read(ref _disposed) != 0)
        {
            Listener.OnDropped(recipient, envelope, "the transport shut down");
            return null;
        }
        return _outbound.TryGetValue(recipient, out var existing) ? existing : GetOrAddAssociation(recipient);
    }

    private OutboundAssociation GetOrAddAssociation(NodeAddress recipient)
    {
        lock (_outbound)
        {
            if (_outbound.TryGetValue(recipient, out var existing)) return existing;
            var association = new OutboundAssociation(this, recipient, _stopping.Token);
            _outbound[recipient] = association;
            return association;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Per-connection accept failures (a peer reset before accept completed) must not stop the listener.
                Logger.LogWarning("Accept failed: {Reason}", e.Message);
                continue;
            }
            var connection = new InboundConnection(this, socket, _stopping.Token);
            _inbound[connection] = 0;
            _ = RunInboundAsync(connection);
        }
    }

    private async Task RunInboundAsync(InboundConnection connection)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A listener callback threw: a bug above the transport. Close this connection and say so loudly.
            Logger.LogError(e, "Inbound connection from {EndPoint} failed", connection.EndPoint);
        }
        finally
        {
            _inbound.TryRemove(connection, out _);
        }
    }

    private void CheckIdle()
    {
        var now = Environment.TickCount64;
        foreach (var connection in _inbound.Keys) connection.CheckIdle(now);
    }

    private static async Task<IPAddress> ResolveBindAddressAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address)) return address;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
               ?? throw new ArgumentException($"expected a bind host that resolves to an address, got '{host}' which resolves to none");
    }
}
