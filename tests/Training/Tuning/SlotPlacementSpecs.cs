using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

public sealed class SlotPlacementSpecs
{
    private static SlotPlacement Cluster(params (string Id, int Slots)[] workers)
    {
        var placement = new SlotPlacement();
        foreach (var (id, slots) in workers) placement.AdvertiseWorker(id, slots);
        return placement;
    }

    [Fact]
    public void TryPlace_must_spread_trials_across_workers()
    {
        var p = Cluster(("w1", 2), ("w2", 2));

        var placed = Enumerable.Range(0, 4).Select(i => p.TryPlace(new PlacementRequest($"t{i}"))!.Replicas.Single().WorkerId).ToList();

        placed.Should().Equal("w1", "w2", "w1", "w2");
        p.FreeSlots.Should().Be(0);
        p.TryPlace(new PlacementRequest("t4")).Should().BeNull();
    }

    [Fact]
    public void TryPlace_must_place_a_gang_whole_across_workers()
    {
        var p = Cluster(("w1", 2), ("w2", 2));

        var placement = p.TryPlace(new PlacementRequest("dp", replicas: 4))!;

        placement.Replicas.Select(r => (r.Rank, r.WorkerId)).Should().Equal((0, "w1"), (1, "w2"), (2, "w1"), (3, "w2"));
        placement.Workers.Should().Equal("w1", "w2");
        p.FreeSlots.Should().Be(0);
    }

    [Fact]
    public void TryPlace_must_hold_nothing_when_a_gang_does_not_fit()
    {
        var p = Cluster(("w1", 2), ("w2", 2));
        p.TryPlace(new PlacementRequest("small"))!.Should().NotBeNull();

        p.Fits(new PlacementRequest("dp", replicas: 4)).Should().BeFalse();
        p.TryPlace(new PlacementRequest("dp", replicas: 4)).Should().BeNull();

        p.FreeSlots.Should().Be(3);
        p.Placements.Keys.Should().Equal("small");
        p.CanEverFit(new PlacementRequest("dp", replicas: 4)).Should().BeTrue();
    }

    [Fact]
    public void TryPlace_must_respect_slots_per_replica()
    {
        var p = Cluster(("w1", 3), ("w2", 2));

        var placement = p.TryPlace(new PlacementRequest("big", replicas: 2, slotsPerReplica: 2))!;

        placement.Replicas.Select(r => (r.WorkerId, r.Slots)).Should().Equal(("w1", 2), ("w2", 2));
        p.FreeOn("w1").Should().Be(1);
        p.CanEverFit(new PlacementRequest("huge", replicas: 1, slotsPerReplica: 4)).Should().BeFalse();
        p.CanEverFit(new PlacementRequest("many", replicas: 3, slotsPerReplica: 2)).Should().BeFalse();
    }

    [Fact]
    public void Release_must_free_the_slots_of_every_replica()
    {
        var p = Cluster(("w1", 1), ("w2", 1));
        p.TryPlace(new PlacementRequest("dp", replicas: 2));

        p.Release("dp").Should().BeTrue();
        p.Release("dp").Should().BeFalse();

        p.FreeSlots.Should().Be(2);
        p.TryPlace(new PlacementRequest("next", replicas: 2)).Should().NotBeNull();
    }

    [Fact]
    public void RemoveWorker_must_return_its_trials_and_free_their_replicas_elsewhere()
    {
        var p = Cluster(("w1", 2), ("w2", 2));
        p.TryPlace(new PlacementRequest("a"));                 // w1
        p.TryPlace(new PlacementRequest("b"));                 // w2
        p.TryPlace(new PlacementRequest("dp", replicas: 2));   // w1 + w2

        var evicted = p.RemoveWorker("w2");

        evicted.Select(e => e.TrialId).Should().BeEquivalentTo("b", "dp");
        p.Workers.Should().Equal("w1");
        p.Placements.Keys.Should().Equal("a");
        p.FreeOn("w1").Should().Be(1, "dp's rank on w1 is released with the gang");
        p.RemoveWorker("w2").Should().BeEmpty();
    }

    [Fact]
    public void TryPlace_must_refuse_a_trial_already_placed()
    {
        var p = Cluster(("w1", 2));
        p.TryPlace(new PlacementRequest("a"));

        var act = () => p.TryPlace(new PlacementRequest("a"));

        act.Should().Throw<InvalidOperationException>().WithMessage("*expected an unplaced trial, got 'a'*");
    }

    [Fact]
    public void AdvertiseWorker_must_not_free_slots_in_use_when_shrinking()
    {
        var p = Cluster(("w1", 2));
        p.TryPlace(new PlacementRequest("a"));
        p.TryPlace(new PlacementRequest("b"));

        p.AdvertiseWorker("w1", 1);

        p.FreeOn("w1").Should().Be(0);
        p.Release("a");
        p.FreeOn("w1").Should().Be(0);
        p.Release("b");
        p.FreeOn("w1").Should().Be(1);
    }

    [Fact]
    public void PlacementRequest_must_refuse_counts_below_one()
    {
        var act = () => new PlacementRequest("t", replicas: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected replicas ≥ 1, got 0*");
    }
}
