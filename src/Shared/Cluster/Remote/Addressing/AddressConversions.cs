using Troupe.Actors;

namespace Troupe.Cluster.Remote.Addressing;

/// <summary>Between the runtime's <see cref="Address"/> and the transport's <see cref="NodeAddress"/>.</summary>
public static class AddressConversions
{
    public static Address ToAddress(this NodeAddress address) =>
        new(Address.DefaultProtocol, address.System, address.Host, address.Port);

    /// <exception cref="ArgumentException">the address has no host and port (a local-only address).</exception>
    public static NodeAddress ToNodeAddress(this Address address)
    {
        if (address.Host is null || address.Port is null)
            throw new ArgumentException($"expected an address with host and port (troupe://sys@host:port), got {address}", nameof(address));
        return new NodeAddress(address.System, address.Host, address.Port.Value);
    }
}
