using Troupe.Coordinator.Placement;
using Troupe.Training.Experiments;

namespace Troupe.Coordinator.Tests.Placement;

public sealed class GangPlannerSpecs
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static GangPlanner Planner(int min, int max, int batchSize = 64, params (string Id, int Slots)[] workers)
    {
        var port = 40000;
        var planner = new GangPlanner(new ResourcesSpec(new ReplicaRange(min, max)), batchSize, Wait, () => port++);
        foreach (var (id, slots) in workers) planner.AdvertiseWorker(id, slots, $"host-{id}");
        return planner;
    }

    [Fact]
    public void Place_must_say_when_no_worker_offers_the_device_kind_the_spec_asks_for()
    {
        var port = 40000;
        var p = new GangPlanner(new ResourcesSpec(new ReplicaRange(1, 1), Device: Troupe.Training.Tuning.DeviceKind.Cuda), 64, Wait, () => port++);
        p.AdvertiseWorker("w1", 4, "host-w1");

        var d = p.Place("t0", T0);

        d.Placed.Should().BeNull();
        d.CanEverFit.Should().BeFalse();
        d.DeviceOffered.Should().BeFalse("w1 offers cpu slots only");

        p.AdvertiseWorker("g1", 1, "host-g1", Troupe.Training.Tuning.DeviceKind.Cuda);
        p.Place("t0", T0).Placed!.Placement.Replicas.Single().WorkerId.Should().Be("g1");
    }

    [Fact]
    public void Place_must_reserve_every_replica_at_once_with_rank_0s_host_and_a_port_for_the_rendezvous()
    {
        var p = Planner(2, 2, workers: [("w1", 1), ("w2", 1)]);

        var gang = p.Place("t0", T0).Placed!;

        gang.Placement.Replicas.Select(r => (r.Rank, r.WorkerId)).Should().Equal((0, "w1"), (1, "w2"));
        gang.Hosts.Should().Equal("host-w1", "host-w2");
        (gang.RendezvousHost, gang.RendezvousPort).Should().Be(("host-w1", 40000));
        p.Slots.FreeSlots.Should().Be(0);
    }

    [Fact]
    public void Hold_must_keep_a_released_replicas_slot_taken_until_it_is_released_or_its_worker_is_removed()
    {
        var p = Planner(2, 2, workers: [("w1", 1), ("w2", 1)]);
        p.Place("t0", T0).Placed.Should().NotBeNull();
        p.Release("t0", failed: true);

        p.Hold("t0#1@rank1", "w2").Should().BeTrue();
        p.Hold("t0#1@gone", "w9").Should().BeFalse("nothing runs on a worker that is not there");

        p.Place("t0", T0).Placed.Should().BeNull("w2's slot is still used by the old replica");
        p.ReleaseHold("t0#1@rank1").Should().BeTrue();
        p.Place("t0", T0).Placed.Should().NotBeNull();
        p.Release("t0", failed: false);

        p.Hold("t0#2@rank0", "w1").Should().BeTrue();
        p.RemoveWorker("w1").Should().BeEmpty("a hold is no trial to requeue");
        p.ReleaseHold("t0#2@rank0").Should().BeFalse("it ended with its worker");
        p.Slots.FreeSlots.Should().Be(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Place_must_hold_no_slot_while_the_gang_does_not_fit(int workers)
    {
        var p = Planner(4, 4, workers: [.. Enumerable.Range(1, workers).Select(i => ($"w{i}", 1))]);

        var d = p.Place("t0", T0 + TimeSpan.FromHours(1));

        d.Placed.Should().BeNull();
        d.CanEverFit.Should().BeFalse("4 replicas never fit {0} one-slot workers", workers);
        d.RetryAt.Should().BeNull("a fixed count never shrinks");
        p.Slots.FreeSlots.Should().Be(workers, "nothing is reserved for a partial group");
        p.Slots.Placements.Should().BeEmpty();
    }

    [Fact]
    public void Place_must_wait_for_the_full_gang_then_shrink_an_elastic_trial_to_a_count_that_divides_the_batch()
    {
        var p = Planner(2, 4, batchSize: 60, workers: [("w1", 1), ("w2", 1), ("w3", 1)]);

        var early = p.Place("t0", T0);
        var free = p.Slots.FreeSlots;
        var later = p.Place("t0", T0 + Wait);

        early.Placed.Should().BeNull("4 replicas do not fit yet and the trial has not waited long");
        early.Wanted.Should().Be(4);
        early.RetryAt.Should().Be(T0 + Wait);
        free.Should().Be(3, "a waiting gang holds nothing");
        later.Placed!.WorldSize.Should().Be(3, "3 of 2..4 fits the free slots and divides 60");
    }

    [Fact]
    public void Place_must_skip_counts_that_do_not_divide_the_batch_size()
    {
        var p = Planner(2, 4, batchSize: 64, workers: [("w1", 1), ("w2", 1), ("w3", 1)]);

        p.Place("t0", T0 + Wait).Placed.Should().BeNull("it waits for 4 first");
        var shrunk = p.Place("t0", T0 + Wait * 2).Placed!;

        shrunk.WorldSize.Should().Be(2, "3 does not divide 64, so 3 free slots run 2 replicas");
        p.Slots.FreeSlots.Should().Be(1);
    }

    [Fact]
    public void Place_must_shrink_at_once_after_a_failed_attempt_and_grow_back_only_when_the_slots_return()
    {
        var p = Planner(2, 4, workers: [("w1", 1), ("w2", 1), ("w3", 1), ("w4", 1)]);
        p.Place("t0", T0).Placed!.WorldSize.Should().Be(4);

        var evicted = p.RemoveWorker("w3");
        p.Release("t0", failed: true);
        var retry = p.Place("t0", T0 + TimeSpan.FromSeconds(1)).Placed!;

        evicted.Select(e => e.TrialId).Should().Equal("t0");
        p.Slots.FreeSlots.Should().Be(1, "the other workers' slots were released with the evicted gang, then 2 were taken");
        retry.WorldSize.Should().Be(2, "after a failure an elastic trial takes what is free instead of waiting");
        retry.Placement.Workers.Should().NotContain("w3");
        p.Release("t0", failed: false);
        p.Place("t0", T0 + TimeSpan.FromSeconds(2)).Placed.Should().BeNull("3 replicas would not divide 64 and 4 do not fit: it waits again");
    }

    [Fact]
    public void Place_must_give_each_live_group_its_own_rendezvous_port()
    {
        var planner = new GangPlanner(new ResourcesSpec(new ReplicaRange(2, 2)), 64, Wait, () => 45000);
        planner.AdvertiseWorker("w1", 2, "h1");
        planner.AdvertiseWorker("w2", 2, "h2");

        var first = planner.Place("a", T0).Placed!;
        var second = () => planner.Place("b", T0);

        first.RendezvousPort.Should().Be(45000);
        second.Should().Throw<InvalidOperationException>().WithMessage("*rendezvous port no live group holds*45000*");
        planner.Slots.Placements.Keys.Should().Equal(["a"], "a gang without a port reserves nothing");
        planner.Release("a", failed: false);
        planner.Place("b", T0).Placed!.RendezvousPort.Should().Be(45000, "a released group's port is free again");
    }

    [Fact]
    public void Place_must_form_no_group_for_a_single_replica()
    {
        var p = Planner(1, 1, workers: [("w1", 1)]);

        var gang = p.Place("t0", T0).Placed!;

        gang.IsGroup.Should().BeFalse();
        gang.RendezvousPort.Should().Be(0);
    }

    [Fact]
    public void Place_must_put_nothing_new_on_an_unreachable_worker_and_offer_its_slots_again_once_reachable()
    {
        var p = Planner(2, 2, workers: [("w1", 1), ("w2", 1), ("w3", 1)]);
        var running = p.Place("t0", T0).Placed!;

        p.Suspend("w3").Should().BeTrue();
        p.Suspend("w3").Should().BeFalse("already suspended");
        p.AdvertiseWorker("w3", 2, "host-w3");   // a re-registration while unreachable keeps it suspended
        var whileUnreachable = p.Place("t1", T0);
        p.Resume("w3").Should().BeTrue();
        var afterwards = p.Place("t1", T0).Placed!;

        running.Placement.Replicas.Select(r => r.WorkerId).Should().Equal("w1", "w2");
        whileUnreachable.Placed.Should().BeNull("w3 is the only worker with free slots, and it is unreachable");
        p.Slots.Placements.Keys.Should().Contain("t0", "an unreachable worker's running replicas keep their slots");
        afterwards.Placement.Replicas.Select(r => r.WorkerId).Should().Equal("w3", "w3");
    }

    [Fact]
    public void Suspend_must_ignore_an_unknown_worker_and_a_removed_one_must_not_come_back_on_resume()
    {
        var p = Planner(1, 1, workers: [("w1", 1)]);

        p.Suspend("nobody").Should().BeFalse();
        p.Suspend("w1").Should().BeTrue();
        p.RemoveWorker("w1");

        p.Resume("w1").Should().BeFalse();
        p.Slots.TotalSlots.Should().Be(0);
    }
}
