namespace Troupe.Cluster.Membership.Events;

/// <summary>A change in a node's view of the cluster, published to subscribers in the order it happened.</summary>
public abstract record ClusterEvent;
