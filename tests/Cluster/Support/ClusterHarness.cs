using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Actors;
using Troupe.TestKit;
using Xunit.Abstractions;

namespace Troupe.Cluster.Tests.Support;

/// <summary>
/// Clustered actor systems in this process, on loopback, with tight timings; logs go to the xunit output.
/// Disposing terminates every system still running (bounded).
/// </summary>
public sealed class ClusterHarness : IDisposable
{
    public const string SystemName = "cluster";

    /// <summary>Bound of every wait on cluster convergence or failure detection.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly ILoggerFactory _logs;
    private readonly List<ActorSystem> _systems = [];

    public ClusterHarness(ITestOutputHelper output)
    {
        var sink = new TestLogSink(output, LogLevel.Information);
        _logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(sink));
    }

    /// <summary>Tight timings; an acceptable pause of 1.5 s so a busy 2-core machine raises no false alarm.</summary>
    public static ClusterSettings Settings(int port = 0, params string[] roles) =>
        ClusterSettings.Tight(Transports.Settings(SystemName) with { BindPort = port }) with
        {
            Roles = roles.ToImmutableSortedSet(StringComparer.Ordinal),
            FailureDetector = ClusterSettings.Tight(Transports.Settings()).FailureDetector with { AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(1500) },
        };

    public ActorSystem Start(ClusterSettings settings)
    {
        var system = ActorSystem.Create(SystemName, ActorSystemSettings.Default with
        {
            LoggerFactory = _logs,
            ProviderFactory = RemoteActorRefProvider.Factory(settings),
        });
        lock (_systems) _systems.Add(system);
        return system;
    }

    /// <summary>A system that joins <paramref name="seed"/> (itself when null: it forms the cluster).</summary>
    public ActorSystem Member(ActorSystem? seed, params string[] roles) => Member(seed, Settings(0, roles));

    public ActorSystem Member(ActorSystem? seed, ClusterSettings settings)
    {
        var system = Start(settings);
        Cluster.Get(system).Join((seed ?? system).Address);
        return system;
    }

    /// <summary>Waits until every system sees exactly <paramref name="systems"/> as Up members.</summary>
    public static async Task AllUpAsync(params ActorSystem[] systems)
    {
        var expected = systems.Select(s => Cluster.Get(s).SelfUniqueAddress).ToHashSet();
        await AwaitAsync(() => systems.All(s =>
        {
            var members = Cluster.Get(s).Membership.Members.Values;
            return members.Count() == expected.Count && members.All(m => expected.Contains(m.Node) && m.Status == MemberStatus.Up);
        }), "every system to see all members Up");
    }

    /// <summary>Crashes a node as far as the others can tell: its transport stops, its actors go on.</summary>
    public static Task CutOffAsync(ActorSystem system) => system.Remote().Transport.DisposeAsync().AsTask();

    public static async Task AwaitAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? Bound;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"expected {what} within {limit}, it did not happen");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        ActorSystem[] systems;
        lock (_systems) systems = [.. _systems];
        var all = Task.WhenAll(systems.Select(s => s.Terminate()));
        if (!all.Wait(TimeSpan.FromSeconds(15))) throw new TimeoutException("expected every cluster system to terminate within 15 s");
        _logs.Dispose();
    }
}
