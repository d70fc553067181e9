using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Framing;
using Troupe.Cluster.Remote.Handshake;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// The one outbound connection to one peer address: a bounded FIFO queue drained by a single writer, so
/// envelopes leave in the order they were queued. Connects lazily, reconnects with exponential backoff,
/// and keeps the queue across reconnects (the envelope being written when a connection dies is lost:
/// delivery is at most once, as in Akka).
/// </summary>
internal sealed class OutboundAssociation
{
    private const long FlushThreshold = 256 * 1024;

    /// <summary>Queued by the keep-alive timer; the pump writes a heartbeat frame in its place.</summary>
    private static readonly Envelope KeepAlive = new();

    private readonly Timer _keepAliveTimer;
    private long _lastFlush = Environment.TickCount64;
    private readonly TcpTransport _transport;
    private readonly TransportSettings _settings;
    private readonly ILogger _logger;
    private readonly Channel<Envelope> _queue;
    private readonly CancellationToken _stopping;
    private readonly Task _loop;
    private Connection? _connection;
    private ulong _nextMessageId;

    public OutboundAssociation(TcpTransport transport, NodeAddress remote, CancellationToken stopping)
    {
        _transport = transport;
        _settings = transport.Settings;
        _logger = transport.Logger;
        Remote = remote;
        _stopping = stopping;
        _queue = Channel.CreateBounded<Envelope>(new BoundedChannelOptions(_settings.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync, CancellationToken.None);
        _keepAliveTimer = new Timer(_ => OnKeepAliveTick(), null, _settings.KeepAliveInterval, _settings.KeepAliveInterval);
    }

    public NodeAddress Remote { get; }

    /// <summary>The incarnation at the other end of the current (or last) connection.</summary>
    public UniqueAddress? RemoteIncarnation { get; private set; }

    public bool TryEnqueue(Envelope envelope) => _queue.Writer.TryWrite(envelope);

    public ValueTask EnqueueAsync(Envelope envelope, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(envelope, cancellationToken);

    /// <summary>Drops the current connection if it goes to <paramref name="incarnation"/>.</summary>
    public void Disconnect(UniqueAddress incarnation)
    {
        if (RemoteIncarnation == incarnation) _connection?.Abort();
    }

    /// <summary>Stops taking envelopes and ends the loop; queued envelopes become dead letters.</summary>
    public async Task StopAsync()
    {
        await _keepAliveTimer.DisposeAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        _connection?.Abort();
        await _loop.ConfigureAwait(false);
        DropQueued("the transport shut down");
    }

    private async Task RunAsync()
    {
        var backoff = _settings.ReconnectBackoffMin;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(_stopping).ConfigureAwait(false)) return;
                await using var connection = await OpenAsync().ConfigureAwait(false);
                backoff = _settings.ReconnectBackoffMin;
                await PumpAsync(connection).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HandshakeException e) when (e.Quarantined)
            {
                _logger.LogWarning("Association to {Remote} refused, quarantine: {Reason}", Remote, e.Message);
                DropQueued(e.Message);
                if (e.ByPeer) _transport.Listener.OnQuarantinedByPeer(Remote, e.Message);
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                _logger.LogWarning("Association to {Remote} failed, retrying in {Backoff}: {Reason}", Remote, backoff, e.Message);
            }
            finally
            {
                _connection = null;
            }
            if (RemoteIncarnation is not null) _transport.Listener.OnDisassociated(Remote, AssociationDirection.Outbound, null);
            try
            {
                await Task.Delay(backoff, _stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _settings.ReconnectBackoffMax.Ticks));
        }
    }

    private async Task<Connection> OpenAsync()
    {
        var connection = await Connection.ConnectAsync(Remote, _settings, _transport.Certificate, _stopping).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
            timeout.CancelAfter(_settings.HandshakeTimeout);
            UniqueAddress remote;
            try
            {
                remote = await HandshakeProtocol.InitiateAsync(connection.Reader, connection.Writer, _settings.Secret,
                    _transport.LocalAddress, Remote, _transport.IsQuarantined, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new HandshakeException($"handshake with {Remote} timed out after {_settings.HandshakeTimeout}");
            }
            RemoteIncarnation = remote;
            _connection = connection;
            _transport.NoteIncarnation(remote);
            _logger.LogInformation("Associated with {Remote} (outbound)", remote);
            _transport.Listener.OnAssociated(remote, AssociationDirection.Outbound);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task PumpAsync(Connection connection)
    {
        var remote = RemoteIncarnation!;
        var writer = connection.Writer;
        // The peer never writes after the handshake; a read that returns means it closed or died.
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var watch = WatchAsync(connection, closed);
        try
        {
            ulong keepAlive = 0;
            while (await _queue.Reader.WaitToReadAsync(closed.Token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var envelope))
                {
                    if (ReferenceEquals(envelope, KeepAlive))
                    {
                        writer.Write(new Pdu { Heartbeat = new Heartbeat { From = _transport.LocalAddress.ToProto(), Sequence = ++keepAlive } });
                        continue;
                    }
                    if (envelope.RecipientSystemUid != 0 && envelope.RecipientSystemUid != remote.Uid)
                    {
                        _transport.Listener.OnDropped(Remote, envelope, $"recipient incarnation {envelope.RecipientSystemUid} is gone; {remote} lives at {Remote} now");
                        continue;
                    }
                    foreach (var part in EnvelopeChunker.Split(envelope, _settings.MaximumFrameSize, ++_nextMessageId))
                    {
                        writer.Write(new Pdu { Envelope = part });
                        if (writer.UnflushedBytes >= FlushThreshold) await FlushAsync(writer, closed.Token).ConfigureAwait(false);
                    }
                }
                if (writer.UnflushedBytes > 0) await FlushAsync(writer, closed.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            throw new IOException($"{remote} closed the connection", await watch.ConfigureAwait(false));
        }
        finally
        {
            connection.Abort();
            await watch.ConfigureAwait(false);
        }
    }

    /// <summary>Reads the outbound connection until the peer closes it; returns why, and cancels the pump.</summary>
    private static async Task<Exception?> WatchAsync(Connection connection, CancellationTokenSource closed)
    {
        Exception? cause = null;
        try
        {
            var pdu = await connection.Reader.ReadAsync(closed.Token).ConfigureAwait(false);
            if (pdu is not null) cause = new IOException($"unexpected {pdu.KindCase} frame on an outbound connection");
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is OperationCanceledException)
        {
            cause = e;
        }
        await closed.CancelAsync().ConfigureAwait(false);
        return cause;
    }

    private async ValueTask FlushAsync(FrameWriter writer, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastFlush, Environment.TickCount64);
    }

    /// <summary>Keeps an idle connection visibly alive, so the peer's idle timeout only fires on a dead one.</summary>
    private void OnKeepAliveTick()
    {
        if (_connection is null) return;
        if (Environment.TickCount64 - Volatile.Read(ref _lastFlush) < (long)_settings.KeepAliveInterval.TotalMilliseconds) return;
        _queue.Writer.TryWrite(KeepAlive);
    }

    private void DropQueued(string reason)
    {
        while (_queue.Reader.TryRead(out var envelope))
            if (!ReferenceEquals(envelope, KeepAlive)) _transport.Listener.OnDropped(Remote, envelope, reason);
    }

    internal static bool IsConnectionFailure(Exception e) =>
        e is IOException or SocketException or HandshakeException or FrameException or AuthenticationException
            or TimeoutException or ObjectDisposedException;
}
