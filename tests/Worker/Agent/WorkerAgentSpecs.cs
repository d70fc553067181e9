using Troupe.Training.Experiments;
using Troupe.Training.Models;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;
using Troupe.Worker.Tests.Support;

namespace Troupe.Worker.Tests.Agent;

public sealed class WorkerAgentSpecs(ITestOutputHelper output) : TestKit(NodeConfig.Actors, output: output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static WorkerSettings Settings(int slots = 2) => WorkerSettings.Create("w1", slots) with { RegisterInterval = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public void WorkerAgent_must_register_its_slots_until_acknowledged()
    {
        var coordinator = CreateTestProbe();
        var agent = Sys.ActorOf(WorkerAgent.Props(coordinator.Ref, Settings(slots: 3)));

        var first = coordinator.ExpectMsg<RegisterWorker>(Wait);
        var again = coordinator.ExpectMsg<RegisterWorker>(Wait);
        coordinator.Reply(new WorkerRegistered("w1"));

        first.Should().Be(new RegisterWorker("w1", 3, agent));
        again.Should().Be(first, "it repeats until the coordinator answers");
        coordinator.ReceiveWhile<object>(m => m, TimeSpan.FromMilliseconds(600)).Should().HaveCountLessThanOrEqualTo(1, "registrations stop once acknowledged");
    }

    [Fact]
    public void WorkerAgent_must_start_one_model_actor_per_attempt_and_refuse_a_duplicate()
    {
        var coordinator = CreateTestProbe();
        var agent = Sys.ActorOf(WorkerAgent.Props(coordinator.Ref, Settings()));
        coordinator.ExpectMsg<RegisterWorker>(Wait);
        coordinator.Reply(new WorkerRegistered("w1"));
        var start = new StartTrial(TestTrials.Fence(), TestTrials.Noop(epochs: 2, seconds: 0.2), null, coordinator.Ref);

        agent.Tell(start);
        agent.Tell(start);
        var started = coordinator.FishForMessage<TrialStarted>(_ => true, Wait);
        var epochs = new[] { coordinator.FishForMessage<EpochCompleted>(_ => true, Wait), coordinator.FishForMessage<EpochCompleted>(_ => true, Wait) };

        started.Fence.Should().Be(TestTrials.Fence());
        started.WorkerId.Should().Be("w1");
        started.ModelActor.Path.Name.Should().Be("trial-0000.1");
        started.ModelActor.Path.Parent.Should().Be(agent.Path);
        epochs.Select(e => e.Metrics.Epoch).Should().Equal(0, 1);
        coordinator.ReceiveWhile<object>(m => m, TimeSpan.FromMilliseconds(600)).Should().NotContain(m => m is TrialStarted || m is EpochCompleted, "no second model actor");
    }

    [Fact]
    public void DatasetCache_must_share_loaders_per_setting_and_not_cache_failures()
    {
        var cache = new DatasetCache();
        var a = cache.Get(new DataSpec(DataKind.HumanNumbers), DataLayout.Sequence, 64, 16, 0, null);
        var b = cache.Get(new DataSpec(DataKind.HumanNumbers), DataLayout.Sequence, 64, 16, 0, null);
        var c = cache.Get(new DataSpec(DataKind.HumanNumbers), DataLayout.Sequence, 32, 16, 0, null);
        var missing = () => cache.Get(new DataSpec(DataKind.Text, "/nonexistent/corpus.txt"), DataLayout.Sequence, 64, 16, 0, null);

        b.Should().BeSameAs(a);
        c.Should().NotBeSameAs(a);
        missing.Should().Throw<FileNotFoundException>();
        missing.Should().Throw<FileNotFoundException>("a failed load is retried, not cached");
        cache.Count.Should().Be(2);
        cache.Hits.Should().Be(1);
    }
}
