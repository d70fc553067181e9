using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Framing;

namespace Troupe.Cluster.Remote.Transport;

/// <summary>One TCP connection (optionally TLS) with frame reader and writer over pipes.</summary>
internal sealed class Connection : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _pipeReader;
    private readonly PipeWriter _pipeWriter;
    private int _disposed;

    private Connection(Socket socket, Stream stream, int maximumFrameSize)
    {
        _socket = socket;
        _stream = stream;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
        _pipeReader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: 4096, leaveOpen: true));
        _pipeWriter = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true));
        Reader = new FrameReader(_pipeReader, maximumFrameSize);
        Writer = new FrameWriter(_pipeWriter, maximumFrameSize);
    }

    public string RemoteEndPoint { get; }
    public FrameReader Reader { get; }
    public FrameWriter Writer { get; }

    public static async Task<Connection> ConnectAsync(NodeAddress target, TransportSettings settings, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(new DnsEndPoint(target.Host, target.Port), timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"connecting to {target} timed out after {settings.ConnectTimeout}");
                }
            }
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (certificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = target.Host,
                    ClientCertificates = [certificate],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, remote, _, errors) => TlsSettings.Validate(certificate, remote, errors),
                }, cancellationToken).ConfigureAwait(false);
            }
            return new Connection(socket, stream, settings.MaximumFrameSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<Connection> AcceptAsync(Socket socket, TransportSettings settings, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (certificate is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = ssl;
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = true,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, remote, _, errors) => TlsSettings.Validate(certificate, remote, errors),
            }, cancellationToken).ConfigureAwait(false);
        }
        return new Connection(socket, stream, settings.MaximumFrameSize);
    }

    /// <summary>Aborts the connection at once (pending reads and writes fail).</summary>
    public void Abort() => _socket.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _pipeReader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _pipeWriter.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Completing flushes what is left; a dead peer makes that fail, and the connection is going anyway.
        }
        catch (ObjectDisposedException)
        {
            // Same: the stream was already torn down by an abort.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
