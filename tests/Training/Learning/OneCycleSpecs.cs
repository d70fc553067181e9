using Troupe.Training.Learning;

namespace Troupe.Training.Tests.Learning;

public sealed class OneCycleSpecs
{
    // fit_one_cycle(15, 1e-2) with 49 batches per epoch: pct_train as fastai accumulates it, and the lr and mom
    // fastai's combined_cos gives there (Reference/one_cycle.py, fastai's code run under PyTorch 1.13).
    [Theory]
    [InlineData(0, 0, 0.0, 0.0004, 0.95)]
    [InlineData(0, 1, 0.0013605442176870747, 0.000400701529154566, 0.9499926924046399)]
    [InlineData(0, 2, 0.0027210884353741495, 0.00040280591155861673, 0.9499707717545977)]
    [InlineData(0, 48, 0.06530612244897957, 0.001927658357478848, 0.9340868921095953)]
    [InlineData(1, 0, 0.06666666666666667, 0.0019881732453327426, 0.9334565286944505)]
    [InlineData(3, 36, 0.24897959183673496, 0.009999605390642268, 0.850004110514143)]
    [InlineData(3, 37, 0.250340136054422, 0.00999999492527347, 0.8500000507477727)]
    [InlineData(7, 24, 0.499319727891156, 0.007512353403695035, 0.8748767147301969)]
    [InlineData(10, 10, 0.6802721088435372, 0.0038527595380244565, 0.911473019349949)]
    [InlineData(14, 48, 0.998639455782312, 1.8119720049045163e-07, 0.9499991880198753)]
    public void One_cycle_must_give_fastais_values_bit_for_bit(int epoch, int iter, double pct, double lr, double mom)
    {
        var progress = TrainingProgress.AtBatch(epoch, iter, batchesPerEpoch: 49, epochs: 15);

        progress.Should().Be(pct);
        OneCycle.LearningRate(1e-2).At(progress).Should().Be(lr);
        OneCycle.Momentum().At(progress).Should().Be(mom);
    }

    [Fact]
    public void One_cycle_must_start_at_lr_over_div_peak_at_pct_start_and_end_at_lr_over_div_final()
    {
        var lr = OneCycle.LearningRate(1e-2);

        lr.At(0).Should().BeApproximately(1e-2 / 25, 1e-18);
        lr.At(0.25).Should().BeApproximately(1e-2, 1e-18);
        lr.At(1).Should().BeApproximately(1e-2 / 1e5, 1e-17);
        OneCycle.Momentum().At(0.25).Should().BeApproximately(0.85, 1e-15);
        OneCycle.Momentum().At(1).Should().BeApproximately(0.95, 1e-15);
    }

    [Fact]
    public void Exponential_schedule_must_match_fastais_sched_exp()
        => new ExponentialSchedule(1e-7, 10).At(0.37).Should().Be(9.120108393559096e-05);

    [Theory]
    [InlineData(new[] { 0.5, 0.6 })]
    [InlineData(new[] { -0.5, 1.5 })]
    public void Combined_schedule_must_reject_fractions_that_are_not_a_partition(double[] fractions)
    {
        var act = () => new CombinedSchedule(fractions, [new ConstantSchedule(1), new ConstantSchedule(2)]);

        act.Should().Throw<ArgumentException>().WithMessage("*expected*got*");
    }

    [Fact]
    public void Combined_schedule_must_reject_a_negative_position()
    {
        var act = () => OneCycle.LearningRate(1e-3).At(-0.1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected a position >= 0, got -0.1*");
    }
}
