using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Remote.Actors;

/// <summary>Published on the event stream when a peer refused this incarnation as quarantined (it was removed from the cluster).</summary>
public sealed record ThisSystemQuarantined(NodeAddress By, string Reason);
