using Troupe.Training.Tuning;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>A worker restarted at the same address (a container's restart) against the late loss of its previous incarnation.</summary>
public sealed class WorkerIncarnationSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private const string Noop = """
        name: incarnations
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        params:
          x: grid(1, 2)
        retries: 2
        """;

    [Fact]
    public void Coordinator_must_keep_a_restarted_workers_slots_when_the_old_incarnations_loss_arrives_late()
    {
        var events = CreateTestProbe();
        var coordinator = StartCoordinator(Spec(Noop), Folder.Sub("run"), events.Ref);
        var old = CreateTestProbe();
        coordinator.Tell(new RegisterWorker("10.0.0.2:4054", 1, old.Ref));
        old.ExpectMsg<WorkerRegistered>(SweepTimeout);
        var first = old.ExpectMsg<StartTrial>(SweepTimeout);

        // The worker's process is restarted at the same address before anyone saw the old one go.
        var restarted = CreateTestProbe();
        coordinator.Tell(new RegisterWorker("10.0.0.2:4054", 1, restarted.Ref));
        restarted.ExpectMsg<WorkerRegistered>(SweepTimeout);
        var retried = restarted.ExpectMsg<StartTrial>(SweepTimeout);
        retried.Fence.Should().Be(new FencingToken(first.Fence.TrialId, 2), "the old incarnation's attempt failed with it and goes to the new one");

        // Now the old incarnation's removal arrives: it must not take the new incarnation's slot.
        Sys.Stop(old.Ref);
        coordinator.Tell(new Identify("after-old-stop"), TestActor);
        ExpectMsg<ActorIdentity>(SweepTimeout);
        events.FishForMessage<WorkerLost>(_ => true, SweepTimeout).WorkerId.Should().Be("10.0.0.2:4054");
        events.ReceiveWhile<object>(e => e, TimeSpan.FromSeconds(1)).OfType<WorkerLost>()
            .Should().BeEmpty("the old incarnation was lost once, when the new one registered; its late Terminated changes nothing");
    }
}
