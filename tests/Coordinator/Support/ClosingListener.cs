using System.Net;
using System.Net.Sockets;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// A TCP port on 127.0.0.1 that accepts every connection, waits for the client's first bytes (a TLS ClientHello) and
/// resets the connection: a peer that dies mid-handshake, as a TLS client sees it. Disposing stops listening.
/// </summary>
public sealed class ClosingListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public ClosingListener()
    {
        listener.Start();
        _ = Task.Run(AcceptAll);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task AcceptAll()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(() => ResetAfterHello(client));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private async Task ResetAfterHello(TcpClient client)
    {
        using (client)
        {
            try
            {
                await client.GetStream().ReadAtLeastAsync(new byte[512], 1, throwOnEndOfStream: false, stop.Token);
                client.Client.LingerState = new LingerOption(true, 0);   // a reset, as from a killed process
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
            {
                // The client went first, or the test is over: nothing to reset.
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}
