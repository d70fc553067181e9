using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.Daemon;
using Troupe.Cluster.FailureDetection;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Membership.Events;
using Troupe.Cluster.Remote.Actors;
using Troupe.Cluster.Remote.Addressing;
using static Troupe.Cluster.Daemon.ClusterMessages;

namespace Troupe.Cluster;

/// <summary>
/// The cluster of one actor system (Akka's <c>Cluster.Get(system)</c>): starts the cluster daemon under
/// <c>/system/cluster</c> on first use and, when <see cref="ClusterSettings.SeedNodes"/> is set, joins through
/// them. The system must use the remote provider (<see cref="RemoteActorRefProvider.Factory"/>), whose
/// <see cref="ClusterSettings"/> configure the cluster. Thread-safe; every command is a message to the daemon.
/// <para>A node that finds itself Down or Removed, or is quarantined by a peer, terminates its actor system:
/// the rest of the cluster has already moved its work elsewhere.</para>
/// </summary>
public sealed class Cluster
{
    private readonly TaskCompletionSource _shutDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private volatile MembershipState _state = MembershipState.Empty;
    private volatile string? _shutdownReason;

    private Cluster(ActorSystem system)
    {
        System = system;
        Provider = system.Provider as RemoteActorRefProvider ?? throw new InvalidOperationException(
            $"expected an actor system with the remote provider (ActorSystemSettings.ProviderFactory = RemoteActorRefProvider.Factory(...)), got {system.Provider.GetType().Name}");
        Settings = Provider.Settings;
        SelfUniqueAddress = Provider.SelfUniqueAddress;
        SelfAddress = Provider.DefaultAddress;
        _logger = system.LoggerFactory.CreateLogger("Troupe.Cluster");
        FailureDetector = new FailureDetectorRegistry<UniqueAddress>(Settings.FailureDetector, system.TimeProvider);
        Daemon = system.SystemActorOf(Props.Create(() => new ClusterDaemon(this)), ClusterDaemon.Name);
        system.WhenTerminated.ContinueWith(_ => MarkShutDown(), TaskScheduler.Default);
        if (!Settings.SeedNodes.IsEmpty) JoinSeedNodes(Settings.SeedNodes);
    }

    /// <summary>The cluster of <paramref name="system"/>, started on first call.</summary>
    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(s => new Lazy<Cluster>(() => new Cluster(s))).Value;
    }

    public ActorSystem System { get; }

    public ClusterSettings Settings { get; }

    /// <summary>This incarnation: address plus uid.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    public Address SelfAddress { get; }

    public ImmutableSortedSet<string> SelfRoles => Settings.Roles;

    /// <summary>The phi-accrual detectors of the nodes this one monitors.</summary>
    public FailureDetectorRegistry<UniqueAddress> FailureDetector { get; }

    /// <summary>This node's latest view.</summary>
    public MembershipState Membership => _state;

    /// <summary>This node's latest view as a snapshot event.</summary>
    public CurrentClusterState State => CurrentClusterState.Of(_state, SelfUniqueAddress);

    /// <summary>This node as a member of its own view; null before it joined and after it was removed.</summary>
    public Member? SelfMember => _state.MemberOf(SelfUniqueAddress);

    /// <summary>Completes once the cluster daemon stopped (this node left, was downed, or its system terminated).</summary>
    public Task WhenShutDown => _shutDown.Task;

    public bool IsTerminated => _shutDown.Task.IsCompleted;

    /// <summary>Why the node shut its cluster down (downed, left, quarantined…), once it did; null otherwise.</summary>
    public string? ShutdownReason => _shutdownReason;

    internal RemoteActorRefProvider Provider { get; }

    internal IActorRef Daemon { get; }

    /// <summary>Joins through seed nodes: the first seed forms the cluster when no other seed answers.</summary>
    public void JoinSeedNodes(IEnumerable<Address> seeds) => Daemon.Tell(new JoinSeedNodes([.. seeds]), null);

    /// <summary>Joins the cluster of the node at <paramref name="address"/>; <see cref="SelfAddress"/> forms a new one.</summary>
    public void Join(Address address) => Daemon.Tell(new JoinTo(address ?? throw new ArgumentNullException(nameof(address))), null);

    /// <summary>Graceful leave: Leaving → Exiting → Removed, with no failure seen; the leaving node then terminates its system.</summary>
    public void Leave(Address address) => Daemon.Tell(new LeaveNode(address ?? throw new ArgumentNullException(nameof(address))), null);

    /// <summary>Marks the member at <paramref name="address"/> Down; it is removed once the view converges.</summary>
    public void Down(Address address) => Daemon.Tell(new DownNode(address ?? throw new ArgumentNullException(nameof(address))), null);

    /// <summary>Subscribes to cluster events of the given types (subtypes of <see cref="ClusterEvent"/>), after an initial snapshot.</summary>
    public void Subscribe(IActorRef subscriber, params Type[] to) => Subscribe(subscriber, SubscriptionInitialStateMode.InitialStateAsSnapshot, to);

    public void Subscribe(IActorRef subscriber, SubscriptionInitialStateMode initialStateMode, params Type[] to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (to.Length == 0) throw new ArgumentException("expected at least one cluster event type to subscribe to, got none", nameof(to));
        foreach (var type in to)
            if (!typeof(ClusterEvent).IsAssignableFrom(type))
                throw new ArgumentException($"expected subtypes of ClusterEvent, got {type.Name}", nameof(to));
        Daemon.Tell(new Subscribe(subscriber, initialStateMode, [.. to]), null);
    }

    public void Unsubscribe(IActorRef subscriber) => Daemon.Tell(new Unsubscribe(subscriber, null), null);

    public void Unsubscribe(IActorRef subscriber, Type to) => Daemon.Tell(new Unsubscribe(subscriber, to), null);

    /// <summary>Sends <paramref name="receiver"/> one <see cref="CurrentClusterState"/>.</summary>
    public void SendCurrentClusterState(IActorRef receiver) => Daemon.Tell(new SendCurrentState(receiver), null);

    /// <summary>
    /// Runs <paramref name="callback"/> once this node is Up (so, with <see cref="MembershipSettings.MinNrOfMembers"/>
    /// or per-role minimums, only once that many members joined). It runs on an actor thread; an exception it throws is logged.
    /// </summary>
    public void RegisterOnMemberUp(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        System.SystemActorOf(Props.Create(() => new OnMemberUpListener(this, callback)));
    }

    /// <summary>Runs <paramref name="callback"/> once this node left the cluster (removed, downed, or its system terminated).</summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        WhenShutDown.ContinueWith(_ => callback(), TaskScheduler.Default)
            .ContinueWith(t => _logger.LogError(t.Exception, "An on-member-removed callback failed"), TaskContinuationOptions.OnlyOnFaulted);
    }

    internal void UpdateState(MembershipState state) => _state = state;

    internal void NoteShutdownReason(string reason) => _shutdownReason ??= reason;

    internal void MarkShutDown() => _shutDown.TrySetResult();
}
