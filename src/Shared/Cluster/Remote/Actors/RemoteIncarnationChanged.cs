using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Remote.Actors;

/// <summary>Published on the event stream when a handshake shows that the node at an address restarted (new uid).</summary>
public sealed record RemoteIncarnationChanged(UniqueAddress Previous, UniqueAddress Current);
