using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

public sealed class FencingSpecs
{
    [Fact]
    public void Check_must_accept_only_the_live_attempt()
    {
        var tracker = new AttemptTracker();
        var first = tracker.Begin("t1");
        var second = tracker.Begin("t1");

        first.Should().Be(new FencingToken("t1", 1));
        second.Should().Be(new FencingToken("t1", 2));
        tracker.Check(second).Accepted.Should().BeTrue();
        var stale = tracker.Check(first);
        stale.Accepted.Should().BeFalse();
        stale.Rejection.Should().Be(FenceRejection.StaleAttempt);
        stale.Message.Should().Be("report from t1#1 ignored: stale attempt, the current one is #2");
    }

    [Theory]
    [InlineData("t9", 1, FenceRejection.UnknownTrial, "no attempt of t9 was begun")]
    [InlineData("t1", 3, FenceRejection.FutureAttempt, "attempt #3 was never begun (latest #1)")]
    public void Check_must_say_why_it_rejects(string trial, int attempt, FenceRejection rejection, string why)
    {
        var tracker = new AttemptTracker();
        tracker.Begin("t1");

        var verdict = tracker.Check(new FencingToken(trial, attempt));

        verdict.Rejection.Should().Be(rejection);
        verdict.Message.Should().EndWith(why);
    }

    [Fact]
    public void End_must_fence_the_attempt_that_ended()
    {
        var tracker = new AttemptTracker();
        var token = tracker.Begin("t1");

        tracker.End(token).Should().BeTrue();

        tracker.Check(token).Rejection.Should().Be(FenceRejection.AttemptEnded);
        tracker.Current("t1").Should().BeNull();
        tracker.End(token).Should().BeFalse();
    }

    [Fact]
    public void Restore_must_continue_numbering_after_the_journal_so_old_reports_stay_fenced()
    {
        var tracker = new AttemptTracker();
        tracker.Restore("t1", attempts: 2);

        tracker.Check(new FencingToken("t1", 2)).Rejection.Should().Be(FenceRejection.AttemptEnded);
        tracker.Begin("t1").Attempt.Should().Be(3);
        tracker.Check(new FencingToken("t1", 2)).Rejection.Should().Be(FenceRejection.StaleAttempt);
        tracker.Attempts("t1").Should().Be(3);
    }

    [Theory]
    [InlineData("trial-0003#2", "trial-0003", 2)]
    [InlineData("a#b#12", "a#b", 12)]
    public void FencingToken_must_round_trip_its_text(string text, string trial, int attempt)
    {
        var token = FencingToken.Parse(text);

        token.Should().Be(new FencingToken(trial, attempt));
        token.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("trial-0003")]
    [InlineData("#2")]
    [InlineData("t#0")]
    [InlineData("t#-1")]
    public void FencingToken_must_refuse_malformed_text(string text)
    {
        var act = () => FencingToken.Parse(text);

        act.Should().Throw<FormatException>().WithMessage("*expected TRIAL#ATTEMPT*");
    }

    [Fact]
    public void RetryBudget_must_allow_retries_failures_then_give_up()
    {
        var budget = new RetryBudget(retries: 2);

        budget.OnFailure("t").Should().Be(RetryDecision.Retry);
        budget.OnFailure("t").Should().Be(RetryDecision.Retry);
        budget.Remaining("t").Should().Be(0);
        budget.OnFailure("t").Should().Be(RetryDecision.GiveUp);
        budget.Failures("t").Should().Be(3);
        budget.OnFailure("other").Should().Be(RetryDecision.Retry);
    }

    [Fact]
    public void RetryBudget_must_resume_from_the_journaled_count()
    {
        var budget = new RetryBudget(retries: 1);
        budget.Restore("t", failureCount: 1);

        budget.OnFailure("t").Should().Be(RetryDecision.GiveUp);
        new RetryBudget(0).OnFailure("t").Should().Be(RetryDecision.GiveUp);
    }
}
