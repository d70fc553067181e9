using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Cluster;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Tuning;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Protocol.Wire;

namespace Troupe.Coordinator.Tests.Wire;

/// <summary>
/// The coordinator ↔ worker protocol across two cluster nodes in this process (the test system is the coordinator's
/// node, a second ActorSystem the worker's), with Akka's JSON fallback refused on both and
/// <c>akka.actor.serialize-messages = on</c> on the worker's node: every message that crosses, and every message the
/// worker's actors send each other, must go through a serializer bound to its type.
/// </summary>
public sealed class CrossNodeProtocolSpecs(ITestOutputHelper output)
    : SweepSpecsBase(output, NodeSystem.Setup(Node("coordinator", seedPort: null), NullLoggerFactory.Instance, Secret), ClusterNodeOptions.SystemName)
{
    private const string Secret = "test-secret";

    private static Config Node(string role, int? seedPort, bool serializeMessages = false)
    {
        var seeds = seedPort is { } p ? ImmutableArray.Create(("127.0.0.1", p)) : [];
        var options = new ClusterNodeOptions("127.0.0.1", 0, null, null, Secret, seeds, ImmutableSortedSet.Create(role),
            ImmutableDictionary<string, int>.Empty, "tight");
        return ConfigurationFactory.ParseString($"akka.actor.serialize-messages = {(serializeMessages ? "on" : "off")}")
            .WithFallback(JsonFallbackRefused.Config)
            .WithFallback(NodeConfig.For(options, "INFO"))
            .WithFallback(TrialMessageSerializer.Config);
    }

    private const string Noop = """
        name: cross-node
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        params:
          seconds: grid(0.1, 0.2)
        """;

    [Fact]
    public async Task Trial_protocol_must_run_a_sweep_across_two_nodes_with_no_message_on_the_JSON_fallback()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        var worker = NodeSystem.Create(ClusterNodeOptions.SystemName, Node("worker", cluster.SelfAddress.Port, serializeMessages: true), NullLoggerFactory.Instance, Secret);
        try
        {
            AwaitAssert(() => cluster.State.Members.Count(m => m.Status == MemberStatus.Up).Should().Be(2), SweepTimeout);
            var runDir = Folder.Sub("run");
            var coordinator = StartCoordinator(Spec(Noop), runDir);
            var remote = ((ExtendedActorSystem)worker).Provider.ResolveActorRef(coordinator.Path.ToStringWithAddress(cluster.SelfAddress));
            worker.ActorOf(WorkerAgent.Props(remote, WorkerSettings.Create("remote-1", 1)), "agent");

            var summary = AwaitSweep(coordinator);

            summary.Completed.Should().Be(2);
            var snapshot = Snapshot(runDir);
            snapshot.Trials.Should().OnlyContain(t => t.Status == TrialStatus.Completed && t.Attempts == 1 && t.Worker == "remote-1");
            snapshot.Metrics.Should().HaveCount(4, "every epoch report and its checkpoint crossed");
        }
        finally
        {
            await worker.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void JSON_fallback_must_be_refused_for_a_type_without_a_serializer()
    {
        var unbound = new NotOnTheWire("x");

        var serializer = Sys.Serialization.FindSerializerFor(unbound);
        var act = () => serializer.ToBinary(unbound);

        serializer.Should().BeOfType<JsonFallbackRefused>();
        act.Should().Throw<SerializationException>().WithMessage("*NotOnTheWire*JSON*");
        Sys.Serialization.FindSerializerFor(new StopTrial(new FencingToken("t", 1), "r")).Identifier.Should().Be(TrialMessageSerializer.Id);
    }

    private sealed record NotOnTheWire(string Text);
}
