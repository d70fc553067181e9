using System.Collections.Immutable;
using Troupe.Actors;
using Troupe.Cluster.FailureDetection;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Transport;

namespace Troupe.Cluster;

/// <summary>
/// Everything a clustered actor system needs: its transport, seed nodes, roles, failure detector and the
/// pace of gossip, leader actions and downing. Defaults are Akka's (gossip and leader actions every 1 s,
/// stable-after 20 s for the split-brain resolver, seed-node timeout 5 s), except the unreachable reaper: it
/// reads the failure detector every 250 ms rather than 1 s, so a node is marked unreachable within 250 ms of phi
/// crossing the threshold (about 4.5 s after its last heartbeat with the default detector) instead of within 1 s.
/// </summary>
public sealed record ClusterSettings
{
    public ClusterSettings(TransportSettings transport) => Transport = transport ?? throw new ArgumentNullException(nameof(transport));

    public TransportSettings Transport { get; init; }

    /// <summary>Nodes to contact on join, in order; the first one forms a new cluster when no other answers.</summary>
    public ImmutableArray<Address> SeedNodes { get; init; } = [];

    public ImmutableSortedSet<string> Roles { get; init; } = ImmutableSortedSet<string>.Empty;

    public MembershipSettings Membership { get; init; } = MembershipSettings.Default;

    public FailureDetectorSettings FailureDetector { get; init; } = FailureDetectorSettings.Default;

    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan UnreachableReaperInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A node that never answered a heartbeat is monitored anyway after this (Akka's expected-response-after).</summary>
    public TimeSpan ExpectedResponseAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the first seed waits for the other seeds before forming a cluster on its own.</summary>
    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an unanswered join is retried.</summary>
    public TimeSpan JoinRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>keep-majority</c> or <c>coordinator-decides</c>.</summary>
    public string DowningStrategy { get; init; } = "keep-majority";

    /// <summary>The role whose oldest member decides under <c>coordinator-decides</c>.</summary>
    public string CoordinatorRole { get; init; } = Downing.CoordinatorDecides.DefaultRole;

    /// <summary>The unreachable set must stay unchanged this long before the downing strategy acts.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A leaving node, once it sees itself Exiting, lingers this long (so the news spreads) before it shuts down.</summary>
    public TimeSpan ExitingDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Akka's defaults with this transport.</summary>
    public static ClusterSettings Default(TransportSettings transport) => new(transport);

    /// <summary>
    /// Tight timings for tests and benchmarks on one machine: heartbeats every 200 ms, acceptable pause 1 s,
    /// gossip and leader actions every 200 ms, stable-after 1 s. A killed node is suspected about 1.5 s after
    /// its last heartbeat (mean 200 ms + pause 1 s + about 5.6 deviations of 50 ms for phi 8).
    /// </summary>
    public static ClusterSettings Tight(TransportSettings transport) => new(transport)
    {
        FailureDetector = new FailureDetectorSettings
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(1),
            MinStdDeviation = TimeSpan.FromMilliseconds(50),
        },
        GossipInterval = TimeSpan.FromMilliseconds(200),
        LeaderActionsInterval = TimeSpan.FromMilliseconds(200),
        UnreachableReaperInterval = TimeSpan.FromMilliseconds(100),
        ExpectedResponseAfter = TimeSpan.FromMilliseconds(500),
        SeedNodeTimeout = TimeSpan.FromSeconds(1),
        JoinRetryInterval = TimeSpan.FromMilliseconds(300),
        StableAfter = TimeSpan.FromSeconds(1),
        ExitingDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Throws with "expected X, got Y" on the first invalid setting.</summary>
    public ClusterSettings Validate()
    {
        Transport.Validate();
        Membership.Validate();
        FailureDetector.Validate();
        foreach (var (name, value) in new[] { ("gossip interval", GossipInterval), ("leader actions interval", LeaderActionsInterval),
                     ("unreachable reaper interval", UnreachableReaperInterval), ("expected response after", ExpectedResponseAfter),
                     ("seed node timeout", SeedNodeTimeout), ("join retry interval", JoinRetryInterval) })
            if (value <= TimeSpan.Zero) throw new ArgumentException($"expected a positive {name}, got {value}");
        if (StableAfter < TimeSpan.Zero) throw new ArgumentException($"expected a non-negative stable-after, got {StableAfter}");
        if (ExitingDelay < TimeSpan.Zero) throw new ArgumentException($"expected a non-negative exiting delay, got {ExitingDelay}");
        _ = Downing.DowningStrategy.Parse(DowningStrategy, CoordinatorRole);
        foreach (var seed in SeedNodes)
            if (seed.Host is null) throw new ArgumentException($"expected seed nodes with host and port, got {seed}");
        return this;
    }
}
