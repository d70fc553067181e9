using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Framing;
using Troupe.Cluster.Remote.Handshake;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// One connection a peer opened to this node: TLS, the acceptor's handshake, then a read loop that
/// reassembles chunks and hands envelopes to the listener in arrival order. Any protocol violation,
/// handshake failure or idle timeout closes this connection only, with a logged reason.
/// </summary>
internal sealed class InboundConnection
{
    private readonly TcpTransport _transport;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _close;
    private readonly Lock _gate = new();
    private bool _finished;
    private Connection? _connection;
    private long _lastFrame = Environment.TickCount64;

    public InboundConnection(TcpTransport transport, Socket socket, CancellationToken stopping)
    {
        _transport = transport;
        _socket = socket;
        _close = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        EndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public string EndPoint { get; }

    /// <summary>The peer's incarnation once the handshake is done.</summary>
    public UniqueAddress? Remote { get; private set; }

    /// <summary>Closes the connection (quarantine, shutdown, idle).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_finished) return;
            _close.Cancel();
        }
        _connection?.Abort();
        _socket.Dispose();
    }

    /// <summary>Closes the connection when nothing arrived for the idle timeout.</summary>
    public void CheckIdle(long now)
    {
        if (now - Volatile.Read(ref _lastFrame) > (long)_transport.Settings.InboundIdleTimeout.TotalMilliseconds)
        {
            _transport.Logger.LogWarning("Closing inbound connection from {EndPoint} ({Remote}): idle for more than {Timeout}",
                EndPoint, Remote?.ToString() ?? "no handshake", _transport.Settings.InboundIdleTimeout);
            Close();
        }
    }

    public async Task RunAsync()
    {
        var logger = _transport.Logger;
        var settings = _transport.Settings;
        Exception? cause = null;
        try
        {
            _connection = await OpenAsync().ConfigureAwait(false);
            var remote = Remote!;
            _transport.NoteIncarnation(remote);
            logger.LogInformation("Associated with {Remote} (inbound from {EndPoint})", remote, EndPoint);
            _transport.Listener.OnAssociated(remote, AssociationDirection.Inbound);
            var assembler = new ChunkAssembler(settings.MaximumMessageSize);
            while (await _connection.Reader.ReadAsync(_close.Token).ConfigureAwait(false) is { } pdu)
            {
                Volatile.Write(ref _lastFrame, Environment.TickCount64);
                switch (pdu.KindCase)
                {
                    case Pdu.KindOneofCase.Envelope:
                        if (assembler.Add(pdu.Envelope) is { } envelope) Deliver(remote, envelope);
                        break;
                    case Pdu.KindOneofCase.Heartbeat:
                        break;
                    default:
                        throw new FrameException(FrameError.Malformed, $"expected an envelope or heartbeat frame after the handshake, got {pdu.KindCase}");
                }
            }
            logger.LogInformation("Inbound connection from {Remote} closed by the peer", remote);
        }
        catch (OperationCanceledException) when (_close.IsCancellationRequested)
        {
            // Closed on purpose (shutdown, quarantine, idle timeout); the reason was logged there.
        }
        catch (Exception e) when (OutboundAssociation.IsConnectionFailure(e))
        {
            cause = e;
            var level = e is FrameException or HandshakeException ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "Closing inbound connection from {EndPoint} ({Remote}): {Reason}", EndPoint, Remote?.ToString() ?? "no handshake", e.Message);
        }
        finally
        {
            if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
            _socket.Dispose();
            lock (_gate) _finished = true;
            _close.Dispose();
        }
        if (Remote is not null) _transport.Listener.OnDisassociated(Remote.Address, AssociationDirection.Inbound, cause);
    }

    private async Task<Connection> OpenAsync()
    {
        var settings = _transport.Settings;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_close.Token);
        timeout.CancelAfter(settings.HandshakeTimeout);
        Connection? connection = null;
        try
        {
            connection = await Connection.AcceptAsync(_socket, settings, _transport.Certificate, timeout.Token).ConfigureAwait(false);
            Remote = await HandshakeProtocol.AcceptAsync(connection.Reader, connection.Writer, settings.Secret,
                _transport.LocalAddress, _transport.IsQuarantined, timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (!_close.IsCancellationRequested)
        {
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
            throw new HandshakeException($"no completed handshake within {settings.HandshakeTimeout}");
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Deliver(UniqueAddress remote, Envelope envelope)
    {
        var self = _transport.LocalAddress;
        if (envelope.RecipientSystemUid != 0 && envelope.RecipientSystemUid != self.Uid)
        {
            _transport.Listener.OnDropped(self.Address, envelope, $"sent to incarnation {envelope.RecipientSystemUid}, this is {self}");
            return;
        }
        _transport.Listener.OnEnvelope(remote, envelope);
    }
}
