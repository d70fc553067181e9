using System.Net;
using System.Net.Sockets;

namespace Troupe.Coordinator.Placement;

/// <summary>
/// Where rendezvous ports come from: a port the OS hands out on this machine right now. For replicas on this machine
/// (local workers, one-host clusters) it is free when rank 0 binds it unless something grabs it meanwhile; for rank 0
/// on another host it is a guess from the ephemeral range. Either way a port that turns out busy fails the
/// rendezvous within the group's timeout, and the retried attempt gets a fresh port.
/// </summary>
internal static class RendezvousPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
