using Troupe.Coordinator.Sweep;

namespace Troupe.Coordinator.Tests.Sweep;

public sealed class RegroupHoldsSpecs
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public void RegroupHolds_must_hold_a_trial_until_every_suspect_is_cleared()
    {
        var holds = new RegroupHolds();
        holds.Place("t0", ["w2", "w3"], T0 + Bound);

        holds.Clear("w2").Should().BeFalse("w3 has not answered yet");
        holds.IsHeld("t0", T0).Should().BeTrue();
        holds.SuspectsOf("t0").Should().Equal("w3");
        holds.Clear("w3").Should().BeTrue("the last suspect releases the trial");
        holds.IsHeld("t0", T0).Should().BeFalse();
        holds.SuspectsOf("t0").Should().BeEmpty();
    }

    [Fact]
    public void RegroupHolds_must_release_a_trial_at_its_deadline_even_if_a_suspect_never_answers()
    {
        var holds = new RegroupHolds();
        holds.Place("t0", ["w2"], T0 + Bound);

        holds.DeadlineOf("t0").Should().Be(T0 + Bound);
        holds.IsHeld("t0", T0 + Bound - TimeSpan.FromMilliseconds(1)).Should().BeTrue();
        holds.IsHeld("t0", T0 + Bound).Should().BeFalse();
        holds.IsHeld("t0", T0).Should().BeFalse("a released hold is gone");
        holds.DeadlineOf("t0").Should().BeNull();
    }

    [Fact]
    public void RegroupHolds_must_clear_a_worker_from_every_trial_it_holds_and_ignore_workers_it_does_not_hold()
    {
        var holds = new RegroupHolds();
        holds.Place("t0", ["w2"], T0 + Bound);
        holds.Place("t1", ["w2", "w4"], T0 + Bound);

        holds.Clear("w9").Should().BeFalse();
        holds.Clear("w2").Should().BeTrue();
        holds.IsHeld("t0", T0).Should().BeFalse();
        holds.IsHeld("t1", T0).Should().BeTrue();
        holds.SuspectsOf("t1").Should().Equal(["w4"], "a worker that left leaves every hold, the later one too, whatever the generation");
        holds.IsHeld("t9", T0).Should().BeFalse("a trial never held is not held");
    }

    [Fact]
    public void RegroupHolds_must_not_hold_a_trial_without_suspects_and_must_replace_an_older_hold()
    {
        var holds = new RegroupHolds();
        holds.Place("t0", ["w2"], T0 + Bound);
        holds.Place("t0", [], T0 + Bound);
        holds.IsHeld("t0", T0).Should().BeFalse("no suspects, no hold");

        holds.Place("t0", ["w2"], T0 + Bound);
        holds.Place("t0", ["w3"], T0 + Bound);
        holds.Clear("w2").Should().BeFalse();
        holds.SuspectsOf("t0").Should().Equal("w3");
    }

    [Fact]
    public void RegroupHolds_must_not_let_a_late_probe_answer_clear_a_later_hold()
    {
        var holds = new RegroupHolds();
        var first = holds.Place("t0", ["w2"], T0 + Bound);
        holds.Clear("w2", first).Should().BeTrue("w2 answered the first hold's probe");

        // The trial regrouped on w2 and failed again: w2's answer to the first probe arrives late.
        var second = holds.Place("t0", ["w2"], T0 + Bound);
        second.Should().BeGreaterThan(first);
        holds.Clear("w2", first).Should().BeFalse("that answer may predate the second failure");
        holds.IsHeld("t0", T0).Should().BeTrue();
        holds.Clear("w2", second).Should().BeTrue("the second probe's answer releases it");
    }
}
