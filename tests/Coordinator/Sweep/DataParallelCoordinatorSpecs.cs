using Akka.Actor;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>The coordinator's side of a data-parallel trial against scripted workers: probes play the agents and the replica actors.</summary>
public sealed class DataParallelCoordinatorSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private const string Yaml = """
        name: scripted-dp
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        resources: { replicas: 2 }
        retries: 1
        """;

    private EpochCompleted Report(FencingToken fence, int epoch) =>
        new(fence, new EpochMetrics(epoch, 1.0 / (epoch + 1), 1.0 / (epoch + 1), new Dictionary<string, double>(), 1, 2048, 2048)
        {
            Replicas = [new ReplicaThroughput(0, 1024, 1, 0.25), new ReplicaThroughput(1, 1024, 1, 0.5)],
        }, TestCheckpoints.Offer(Sys, [(byte)epoch]));

    private TestProbe Agent(IActorRef coordinator, string id)
    {
        var agent = CreateTestProbe();
        agent.Send(coordinator, new RegisterWorker(id, 1, agent.Ref));
        agent.ExpectMsg<WorkerRegistered>(Wait);
        return agent;
    }

    [Fact]
    public void Coordinator_must_start_every_replica_of_a_gang_with_its_rank_and_the_same_rendezvous()
    {
        var events = CreateTestProbe();
        var coordinator = StartCoordinator(Spec(Yaml), Folder.Sub("run"), events.Ref);
        var a1 = Agent(coordinator, "w1");
        a1.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var a2 = Agent(coordinator, "w2");

        var r0 = a1.ExpectMsg<StartTrial>(Wait);
        var r1 = a2.ExpectMsg<StartTrial>(Wait);
        var formed = events.FishForMessage<GroupFormed>(_ => true, Wait);

        r0.Fence.Should().Be(r1.Fence);
        (r0.Trial.Group!.Rank, r1.Trial.Group!.Rank).Should().Be((0, 1));
        r0.Trial.Group.Should().BeEquivalentTo(new { GroupId = "trial-0000#1", WorldSize = 2, RendezvousHost = "127.0.0.1" });
        r1.Trial.Group.Rendezvous.Should().Be(r0.Trial.Group.Rendezvous);
        formed.Replicas.Select(r => r.WorkerId).Should().Equal("w1", "w2");
        LogText.Should().Contain("blocked trial-0000 needs 2 replicas of 1 slot").And.Contain($"group   trial-0000#1: 2 replicas, rendezvous {r0.Trial.Group.Rendezvous}; rank 0 on w1");
    }

    [Fact]
    public void Coordinator_must_tear_down_the_group_of_a_lost_worker_restart_it_fresh_from_the_checkpoint_and_fence_the_old_group()
    {
        var events = CreateTestProbe();
        var coordinator = StartCoordinator(Spec(Yaml), Folder.Sub("run"), events.Ref);
        var (a1, a2) = (Agent(coordinator, "w1"), Agent(coordinator, "w2"));
        var (old0, old1) = (a1.ExpectMsg<StartTrial>(Wait), a2.ExpectMsg<StartTrial>(Wait));
        var (m0, m1) = (CreateTestProbe(), CreateTestProbe());
        coordinator.Tell(new TrialStarted(old0.Fence, "w1", m0.Ref), a1.Ref);
        coordinator.Tell(new TrialStarted(old1.Fence, "w2", m1.Ref), a2.Ref);
        m0.Send(coordinator, Report(old0.Fence, 0));
        events.FishForMessage<ReplicaThroughputReported>(_ => true, Wait);

        Sys.Stop(a2.Ref);
        var teardown = m0.FishForMessage<StopTrial>(_ => true, Wait);
        Sys.Stop(m0.Ref);   // rank 0 stops as told: until then its slot on w1 stays taken
        var a3 = Agent(coordinator, "w3");
        var (new0, new1) = (a1.ExpectMsg<StartTrial>(Wait), a3.ExpectMsg<StartTrial>(Wait));
        m1.Send(coordinator, new ReplicaFinished(old1.Fence, 1, "w2"));
        m0.Send(coordinator, Report(old0.Fence, 1));
        var stale = events.FishForMessage<StaleReportIgnored>(_ => true, Wait);
        var (n0, n1) = (CreateTestProbe(), CreateTestProbe());
        coordinator.Tell(new TrialStarted(new0.Fence, "w1", n0.Ref), a1.Ref);
        coordinator.Tell(new TrialStarted(new1.Fence, "w3", n1.Ref), a3.Ref);
        n1.Send(coordinator, new ReplicaFinished(new1.Fence, 1, "w3"));
        Sys.Stop(n1.Ref); // rank 1 ends its fit before rank 0's last report arrives: not a failure
        n0.Send(coordinator, Report(new0.Fence, 1));
        var summary = AwaitSweep(coordinator);

        teardown.Fence.Should().Be(old0.Fence);
        teardown.Reason.Should().Contain("group torn down: worker w2 lost");
        new0.Fence.Should().Be(new FencingToken("trial-0000", 2), "a fresh group is a new attempt");
        new0.CheckpointBytes(Sys).Should().Equal([(byte)0], "it restarts from the epoch-1 checkpoint rank 0 reported");
        (new0.Trial.Group!.GroupId, new1.Trial.Group!.Rank).Should().Be(("trial-0000#2", 1));
        new1.Trial.Group.Rendezvous.Should().Be(new0.Trial.Group.Rendezvous);
        stale.Fence.Should().Be(old0.Fence);
        summary.Completed.Should().Be(1);
        summary.Failed.Should().Be(0);
        var snapshot = Snapshot(Folder.Sub("run"));
        snapshot.Metrics.Select(m => (m.Attempt, m.Metrics.Epoch)).Should().Equal((1, 0), (2, 1));
        LogText.Should().Contain("ignored epoch 1 report from trial-0000#1: report from trial-0000#1 ignored: stale attempt")
            .And.Contain("replicas trial-0000#1 epoch 0: rank 0 on w1 1024 tok/s (comm 25%), rank 1 on w2 1024 tok/s (comm 50%); group 2048 tok/s")
            .And.Contain("group   trial-0000#2: 2 replicas").And.Contain("rank 1 on w3")
            .And.NotContain("ignored rank 1 finish report from trial-0000#2");
        LogText.Should().Contain("ignored rank 1 finish report from trial-0000#1", "a finish from the torn-down group is fenced too");
    }

    [Fact]
    public void Coordinator_must_not_regroup_on_a_silent_peer_of_a_replica_that_lost_its_group_until_that_peer_leaves()
    {
        using var gate = new ManualResetEventSlim();
        try
        {
            RegroupAfterASilentPeerLeaves(gate);
        }
        finally
        {
            gate.Set();
        }
    }

    private void RegroupAfterASilentPeerLeaves(ManualResetEventSlim gate)
    {
        var events = CreateTestProbe();
        var coordinator = StartCoordinator(Spec(Yaml), Folder.Sub("run"), events.Ref);
        var a1 = Agent(coordinator, "w1");
        var silent = Sys.ActorOf(Props.Create(() => new SilentAgent(gate)).WithDispatcher(NodeConfig.PinnedDispatcher), "silent-w2");
        coordinator.Tell(new RegisterWorker("w2", 1, silent), silent);
        var old0 = a1.ExpectMsg<StartTrial>(Wait);
        var a3 = Agent(coordinator, "w3");
        var m0 = CreateTestProbe();
        coordinator.Tell(new TrialStarted(old0.Fence, "w1", m0.Ref), a1.Ref);
        m0.Send(coordinator, new TrialFailed(old0.Fence, "w1", "CollectiveException: allreduce failed: Connection reset by peer"));

        var held = events.FishForMessage<RegroupHeld>(_ => true, Wait);
        var teardown = m0.FishForMessage<StopTrial>(_ => true, Wait);
        Sys.Stop(m0.Ref);   // the failed replica stops: its slot on w1 is free, only the regroup hold keeps the next group back
        a3.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        a1.ExpectNoMsg(TimeSpan.Zero);
        // Terminate straight to the actor (Sys.Stop would go through the guardian, a hop that can land after the gate
        // opens): it goes first once the silent agent's handler returns, so it never answers the probe.
        ((IInternalActorRef)silent).Stop();
        gate.Set();
        var (new0, new1) = (a1.ExpectMsg<StartTrial>(Wait), a3.ExpectMsg<StartTrial>(Wait));

        held.Fence.Should().Be(old0.Fence);
        held.Suspects.Should().Equal("w2");
        teardown.Reason.Should().Contain("group torn down");
        (new0.Fence, new0.Trial.Group!.Rank, new1.Trial.Group!.Rank).Should().Be((new FencingToken("trial-0000", 2), 0, 1));
        LogText.Should().Contain("regroup trial-0000#1: a replica lost its group; the next group waits until w2 answers or leaves (at most 60 s)")
            .And.Contain("worker  w2 lost").And.Contain("rank 1 on w3");
    }

    [Fact]
    public void Coordinator_must_regroup_at_once_when_the_peers_of_a_replica_that_lost_its_group_answer_the_probe()
    {
        var events = CreateTestProbe();
        var coordinator = StartCoordinator(Spec(Yaml), Folder.Sub("run"), events.Ref);
        var (a1, a2) = (Agent(coordinator, "w1"), Agent(coordinator, "w2"));
        var (old0, _) = (a1.ExpectMsg<StartTrial>(Wait), a2.ExpectMsg<StartTrial>(Wait));
        var m1 = CreateTestProbe();
        coordinator.Tell(new TrialStarted(old0.Fence, "w2", m1.Ref), a2.Ref);
        m1.Send(coordinator, new TrialFailed(old0.Fence, "w2", "CollectiveException: allreduce failed: Connection reset by peer"));
        Sys.Stop(m1.Ref);

        events.FishForMessage<RegroupHeld>(_ => true, Wait).Suspects.Should().Equal("w1");
        var (new0, new1) = (a1.ExpectMsg<StartTrial>(Wait), a2.ExpectMsg<StartTrial>(Wait)); // both probes answer Identify: no wait for the 60 s bound
        (new0.Fence, new1.Fence).Should().Be((new FencingToken("trial-0000", 2), new FencingToken("trial-0000", 2)));
    }

    // A worker agent whose actor system does not answer: its first message blocks it until the gate opens.
    private sealed class SilentAgent : ReceiveActor
    {
        public SilentAgent(ManualResetEventSlim gate) => ReceiveAny(_ => gate.Wait(Wait));
    }
}
