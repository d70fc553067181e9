namespace Troupe.Cluster.Remote.Transport;

/// <summary>
/// Each node sends only on connections it opened (outbound) and receives only on connections peers opened
/// (inbound): one ordered stream per direction per pair of incarnations.
/// </summary>
public enum AssociationDirection
{
    Outbound,
    Inbound,
}
