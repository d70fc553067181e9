using Troupe.Training.Tuning;
using static Troupe.Training.Tests.Tuning.SchedulerScript;

namespace Troupe.Training.Tests.Tuning;

/// <summary>Ports of Ray Tune's AsyncHyperBandSuite (test_trial_scheduler.py) plus the coordinator's own cases.</summary>
public sealed class AsyncHyperBandSchedulerSpecs
{
    private static AsyncHyperBandScheduler Asha(double maxT = 100, double grace = 1, double reduction = 4, bool stopLastTrials = true) =>
        new(Reward, MetricMode.Max, maxT, grace, reduction, stopLastTrials);

    [Theory]
    [InlineData(1, 3, 15, new[] { 1.0, 3, 9 })]
    [InlineData(1, 4, 10, new[] { 1.0, 4 })]
    [InlineData(2.5, 3, 100, new[] { 2.5, 7.5, 22.5, 67.5 })]
    [InlineData(3, 3, 15, new[] { 3.0, 9 })]
    [InlineData(1, 2, 1, new[] { 1.0 })]
    public void Rungs_must_sit_at_grace_times_powers_of_reduction_below_max_t(double grace, double reduction, double maxT, double[] milestones)
    {
        Asha(maxT, grace, reduction).Milestones.Should().Equal(milestones);
    }

    [Fact]
    public void OnTrialResult_must_stop_a_trial_at_max_t()
    {
        var asha = Asha(maxT: 10);
        BasicSetup(asha);
        asha.OnTrialAdd("t3");
        asha.OnTrialComplete("t3", Result(10, 1000));

        asha.OnTrialResult("t2", Result(101, 0)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void OnTrialResult_must_not_judge_before_the_grace_period()
    {
        var asha = Asha(grace: 2.5, reduction: 3);
        BasicSetup(asha);
        asha.OnTrialComplete("t1", Result(10, 1000));
        asha.OnTrialComplete("t2", Result(10, 1000));
        asha.OnTrialAdd("t3");

        asha.OnTrialResult("t3", Result(1, 10)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult("t3", Result(2, 10)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult("t3", Result(3, 10)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void OnTrialResult_must_stop_every_trial_reaching_max_t()
    {
        var asha = Asha(maxT: 10);
        var trials = Enumerable.Range(0, 10).Select(i => $"t{i}").ToList();
        trials.ForEach(asha.OnTrialAdd);

        trials.Select(t => asha.OnTrialResult(t, Result(10, -2))).Should().OnlyContain(d => d == TrialDecision.Stop);
        asha.NumStopped.Should().Be(10);
    }

    [Fact]
    public void OnTrialResult_must_cut_at_the_percentile_of_the_rung()
    {
        var asha = Asha(maxT: 10, grace: 1, reduction: 2);
        BasicSetup(asha);
        asha.OnTrialComplete("t1", Result(10, 1000));
        asha.OnTrialComplete("t2", Result(10, 1000));
        asha.OnTrialAdd("t3");

        asha.Cutoff(1).Should().Be(275); // median of 100 and 450
        asha.OnTrialResult("t3", Result(1, 260)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult("t3", Result(2, 260)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void Cutoff_must_ignore_nan_rewards()
    {
        var asha = Asha(maxT: 10, grace: 1, reduction: 2);
        asha.OnTrialAdd("t1");
        asha.OnTrialAdd("t2");
        for (var i = 0; i < 10; i++) asha.OnTrialResult("t1", Result(i, 450)).Should().Be(TrialDecision.Continue);
        for (var i = 0; i < 10; i++) asha.OnTrialResult("t2", Result(i, double.NaN)).Should().Be(TrialDecision.Continue);
        asha.OnTrialComplete("t1", Result(10, 450));
        asha.OnTrialComplete("t2", Result(10, double.NaN));
        asha.OnTrialAdd("t3");

        asha.OnTrialResult("t3", Result(1, 260)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult("t3", Result(2, 260)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void OnTrialResult_must_keep_going_past_max_t_when_stop_last_trials_is_off()
    {
        var asha = Asha(maxT: 3, grace: 1, reduction: 2, stopLastTrials: false);
        var t = Enumerable.Range(0, 4).Select(i => $"t{i}").ToArray();
        foreach (var id in t) asha.OnTrialAdd(id);

        asha.OnTrialResult(t[0], Result(2, 10)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult(t[1], Result(2, 8)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult(t[2], Result(2, 6)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult(t[3], Result(2, 4)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult(t[0], Result(4, 10)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult(t[0], Result(8, 10)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult(t[0], Result(14, 1)).Should().Be(TrialDecision.Continue);
    }

    [Fact]
    public void OnTrialResult_must_rank_losses_lower_is_better_in_min_mode()
    {
        var asha = new AsyncHyperBandScheduler("valid_loss", MetricMode.Min, maxT: 4, gracePeriod: 1, reductionFactor: 2);
        foreach (var id in new[] { "a", "b", "c" }) asha.OnTrialAdd(id);

        asha.OnTrialResult("a", TrialResult.Of(1, "valid_loss", 1.0)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult("b", TrialResult.Of(1, "valid_loss", 2.0)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult("c", TrialResult.Of(1, "valid_loss", 0.5)).Should().Be(TrialDecision.Continue);
        asha.Recorded(1).Should().Equal(new Dictionary<string, double> { ["a"] = -1.0, ["b"] = -2.0, ["c"] = -0.5 });
    }

    [Fact]
    public void A_retried_trial_reporting_a_rung_again_must_not_be_judged_twice()
    {
        var asha = Asha(maxT: 9, grace: 1, reduction: 3);
        foreach (var id in new[] { "good", "bad" }) asha.OnTrialAdd(id);
        asha.OnTrialResult("good", Result(1, 10)).Should().Be(TrialDecision.Continue);
        asha.OnTrialResult("bad", Result(1, 5)).Should().Be(TrialDecision.Stop);
        asha.OnTrialResult("good", Result(2, 10));
        asha.OnTrialError("good");

        // The retry restarts from the epoch-1 checkpoint and reports epoch 1 again with a worse value.
        asha.OnTrialResult("good", Result(1, 1)).Should().Be(TrialDecision.Continue);
        asha.Recorded(1)["good"].Should().Be(10);
    }

    [Fact]
    public void Replaying_the_journaled_events_must_rebuild_the_same_decisions()
    {
        var events = new List<(string Trial, TrialResult Result)>();
        var random = new SearchRandom(11);
        for (var epoch = 1; epoch <= 9; epoch++)
            for (var t = 0; t < 12; t++) events.Add(($"t{t}", Result(epoch, random.NextDouble() * epoch)));

        List<TrialDecision> Run()
        {
            var asha = Asha(maxT: 9, grace: 1, reduction: 3);
            for (var t = 0; t < 12; t++) asha.OnTrialAdd($"t{t}");
            var stopped = new HashSet<string>();
            var decisions = new List<TrialDecision>();
            foreach (var (trial, result) in events)
            {
                if (stopped.Contains(trial)) continue;
                var d = asha.OnTrialResult(trial, result);
                if (d == TrialDecision.Stop) stopped.Add(trial);
                decisions.Add(d);
            }
            return decisions;
        }

        var first = Run();
        first.Should().Equal(Run());
        first.Count(d => d == TrialDecision.Stop).Should().Be(12, "every trial stops: early, or at max_t");
    }

    [Fact]
    public void ASHA_must_stop_most_trials_of_a_sweep_early_and_keep_the_best()
    {
        // 16 trials whose loss curves are ordered by quality (q = 0 best); they report epoch by epoch, interleaved.
        var asha = new AsyncHyperBandScheduler("valid_loss", MetricMode.Min, maxT: 15, gracePeriod: 3, reductionFactor: 3);
        var order = new[] { 9, 3, 14, 0, 7, 12, 5, 1, 10, 15, 2, 8, 13, 4, 11, 6 };
        foreach (var q in order) asha.OnTrialAdd($"q{q}");
        var running = order.ToList();
        var stoppedEarly = new List<int>();
        for (var epoch = 1; epoch <= 15 && running.Count > 0; epoch++)
        {
            foreach (var q in running.ToList())
            {
                var loss = 1.0 + q * 0.1 + 2.0 / epoch;
                var result = TrialResult.Of(epoch, "valid_loss", loss);
                if (epoch == 15)
                {
                    asha.OnTrialComplete($"q{q}", result);
                    running.Remove(q);
                }
                else if (asha.OnTrialResult($"q{q}", result) == TrialDecision.Stop)
                {
                    stoppedEarly.Add(q);
                    running.Remove(q);
                    asha.OnTrialRemove($"q{q}");
                }
            }
        }

        stoppedEarly.Should().HaveCountGreaterThanOrEqualTo(8).And.NotContain(0);
    }

    [Fact]
    public void OnTrialResult_must_refuse_a_trial_never_added()
    {
        var act = () => Asha().OnTrialResult("ghost", Result(1, 1));

        act.Should().Throw<InvalidOperationException>().WithMessage("*unknown trial 'ghost'*");
    }

    [Fact]
    public void OnTrialResult_must_refuse_a_result_without_the_metric()
    {
        var asha = Asha();
        asha.OnTrialAdd("t1");

        var act = () => asha.OnTrialResult("t1", TrialResult.Of(1, "valid_loss", 1));

        act.Should().Throw<ArgumentException>().WithMessage("*expected metric 'episode_reward_mean', got [valid_loss]*");
    }

    [Theory]
    [InlineData(0, 4, 10)]
    [InlineData(5, 4, 4)]
    [InlineData(1, 1, 10)]
    public void Constructor_must_refuse_settings_ray_asserts_against(double grace, double reduction, double maxT)
    {
        var act = () => Asha(maxT, grace, reduction);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ChooseTrialToRun_must_take_pending_trials_first_then_paused_ones()
    {
        var asha = Asha();

        asha.ChooseTrialToRun([new("a", TrialStatus.Paused), new("b", TrialStatus.Running), new("c", TrialStatus.Pending)]).Should().Be("c");
        asha.ChooseTrialToRun([new("a", TrialStatus.Completed), new("b", TrialStatus.Paused)]).Should().Be("b");
        asha.ChooseTrialToRun([new("a", TrialStatus.Running)]).Should().BeNull();
    }
}
