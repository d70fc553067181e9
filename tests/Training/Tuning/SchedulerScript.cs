using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

/// <summary>Ray's test helpers: <c>result(t, rew)</c> and the two-trial <c>basicSetup</c> (t1 rewards 0, 100, ..., 900 at times 0..9; t2 450 at times 0..4).</summary>
internal static class SchedulerScript
{
    public const string Reward = "episode_reward_mean";

    public static TrialResult Result(double time, double reward) => TrialResult.Of(time, Reward, reward);

    public static void BasicSetup(TrialScheduler scheduler, string t1 = "t1", string t2 = "t2")
    {
        scheduler.OnTrialAdd(t1);
        scheduler.OnTrialAdd(t2);
        for (var i = 0; i < 10; i++)
            scheduler.OnTrialResult(t1, Result(i, i * 100)).Should().Be(TrialDecision.Continue, $"t1 at time {i}");
        for (var i = 0; i < 5; i++)
            scheduler.OnTrialResult(t2, Result(i, 450)).Should().Be(TrialDecision.Continue, $"t2 at time {i}");
    }
}
