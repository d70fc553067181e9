using Troupe.Training.Tuning;
using static Troupe.Training.Tests.Tuning.SchedulerScript;

namespace Troupe.Training.Tests.Tuning;

/// <summary>Ports of Ray Tune's EarlyStoppingSuite (test_trial_scheduler.py) plus the retry case.</summary>
public sealed class MedianStoppingRuleSpecs
{
    private static MedianStoppingRule Rule(double grace, int minSamples) => new(Reward, MetricMode.Max, grace, minSamples);

    [Fact]
    public void OnTrialResult_must_stop_a_trial_whose_best_is_below_the_median_running_mean()
    {
        var rule = Rule(grace: 0, minSamples: 1);
        BasicSetup(rule);
        rule.OnTrialComplete("t1", Result(10, 1000));

        rule.OnTrialResult("t2", Result(5, 450)).Should().Be(TrialDecision.Continue);
        rule.OnTrialResult("t2", Result(6, 0)).Should().Be(TrialDecision.Continue);
        // t1's running mean over 0..10 is 500 > t2's best 450.
        rule.OnTrialResult("t2", Result(10, 450)).Should().Be(TrialDecision.Stop);
        rule.NumStopped.Should().Be(1);
    }

    [Fact]
    public void OnTrialResult_must_compare_only_with_trials_that_reached_the_same_time()
    {
        var rule = Rule(grace: 0, minSamples: 1);
        BasicSetup(rule);

        rule.OnTrialResult("t2", Result(100, 0)).Should().Be(TrialDecision.Continue);
        rule.OnTrialComplete("t1", Result(101, 1000));
        rule.OnTrialResult("t2", Result(101, 0)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void OnTrialResult_must_not_stop_within_the_grace_period()
    {
        var rule = Rule(grace: 2.5, minSamples: 1);
        BasicSetup(rule);
        rule.OnTrialComplete("t1", Result(10, 1000));
        rule.OnTrialComplete("t2", Result(10, 1000));

        rule.OnTrialResult("t3", Result(1, 10)).Should().Be(TrialDecision.Continue);
        rule.OnTrialResult("t3", Result(2, 10)).Should().Be(TrialDecision.Continue);
        rule.OnTrialResult("t3", Result(3, 10)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void OnTrialResult_must_wait_for_min_samples_other_trials()
    {
        var rule = Rule(grace: 0, minSamples: 2);
        BasicSetup(rule);
        rule.OnTrialComplete("t1", Result(10, 1000));

        rule.OnTrialResult("t3", Result(5, 10)).Should().Be(TrialDecision.Continue, "only t1 reached time 5");
        rule.OnTrialComplete("t2", Result(5, 1000));
        rule.OnTrialResult("t3", Result(5, 10)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void OnTrialResult_must_use_the_median_not_the_mean()
    {
        var rule = Rule(grace: 0, minSamples: 1);
        BasicSetup(rule);
        rule.OnTrialComplete("t1", Result(10, 1000));
        rule.OnTrialComplete("t2", Result(10, 1000));

        rule.OnTrialResult("t3", Result(1, 260)).Should().Be(TrialDecision.Continue); // median(50, 450) = 250
        rule.OnTrialResult("t3", Result(2, 260)).Should().Be(TrialDecision.Stop);     // median(100, 450) = 275
    }

    [Theory]
    [InlineData(MetricMode.Max, 1.0)]
    [InlineData(MetricMode.Min, -1.0)]
    public void OnTrialResult_must_follow_the_metric_mode(MetricMode mode, double sign)
    {
        var rule = new MedianStoppingRule("loss_or_reward", mode, gracePeriod: 0, minSamplesRequired: 1);
        TrialResult R(double t, double rew) => TrialResult.Of(t, "loss_or_reward", sign * rew);
        for (var i = 0; i < 10; i++) rule.OnTrialResult("t1", R(i, i * 100)).Should().Be(TrialDecision.Continue);
        for (var i = 0; i < 5; i++) rule.OnTrialResult("t2", R(i, 450)).Should().Be(TrialDecision.Continue);
        rule.OnTrialComplete("t1", R(10, 1000));

        rule.OnTrialResult("t2", R(5, 450)).Should().Be(TrialDecision.Continue);
        rule.OnTrialResult("t2", R(6, 0)).Should().Be(TrialDecision.Continue);
        rule.OnTrialResult("t2", R(10, 450)).Should().Be(TrialDecision.Stop);
    }

    [Fact]
    public void A_retried_epoch_must_replace_the_history_not_add_to_it()
    {
        var rule = Rule(grace: 0, minSamples: 1);
        rule.OnTrialResult("ref", Result(1, 100));
        rule.OnTrialResult("ref", Result(2, 100));
        rule.OnTrialResult("t", Result(1, 500)).Should().Be(TrialDecision.Continue);
        rule.OnTrialResult("t", Result(2, 500)).Should().Be(TrialDecision.Continue);
        rule.OnTrialError("t");

        // The failed attempt left no checkpoint: the retry starts over and its epoch 1 is much worse. Its best so far
        // must be that, not the lost attempt's 500.
        rule.OnTrialResult("t", Result(1, 10)).Should().Be(TrialDecision.Stop);
    }
}
