using Troupe.Training.Learning;

namespace Troupe.Training.Tests.Learning;

public sealed class SmoothLossSpecs
{
    [Fact]
    public void Smooth_loss_must_be_the_debiased_moving_average_fastai_prints()
    {
        var smooth = new SmoothLoss();
        float[] losses = [3.4f, 3.1f, 2.9f];
        var expected = 0.0;
        foreach (var l in losses)
        {
            smooth.Accumulate(l);
            expected = 0.98 * expected + 0.02 * l;
        }

        smooth.Count.Should().Be(3);
        ((double)smooth.Value).Should().BeApproximately(expected / (1 - Math.Pow(0.98, 3)), 1e-5);
    }

    [Fact]
    public void Smooth_loss_of_one_batch_must_be_that_batch_loss()
    {
        var smooth = new SmoothLoss();

        smooth.Accumulate(2.5f);

        smooth.Value.Should().BeApproximately(2.5f, 1e-5f);
    }

    [Fact]
    public void Smooth_loss_must_continue_bit_for_bit_after_a_restore()
    {
        var straight = new SmoothLoss();
        var resumed = new SmoothLoss();
        var rng = new Random(7);
        var losses = Enumerable.Range(0, 200).Select(_ => (float)(rng.NextDouble() * 4)).ToArray();

        foreach (var l in losses) straight.Accumulate(l);
        foreach (var l in losses[..120]) resumed.Accumulate(l);
        var copy = new SmoothLoss();
        copy.Restore(resumed.Raw, resumed.Count);
        foreach (var l in losses[120..]) copy.Accumulate(l);

        copy.Raw.Should().Be(straight.Raw);
        copy.Value.Should().Be(straight.Value);
    }

    // torch.lerp(loss, val, 0.98) chained over 22 losses under PyTorch 1.13: libtorch's kernel fuses the
    // multiply-add, and at the 22nd step that gives a different float32 than the unfused formula would.
    [Fact]
    public void Smooth_loss_must_match_torch_lerp_in_float32()
    {
        var smooth = new SmoothLoss();
        for (var k = 0; k < 22; k++) smooth.Accumulate((float)(0.05 + 3.9 * ((k * 37) % 101) / 101));

        BitConverter.SingleToInt32Bits(smooth.Raw).Should().Be(1060435925);
    }

    [Fact]
    public void Average_value_must_weight_batches_by_rows_in_float32()
    {
        var avg = new AverageValue();

        avg.Accumulate(1.5f, 64);
        avg.Accumulate(0.5f, 47);

        avg.Count.Should().Be(111);
        avg.Value.Should().Be((1.5f * 64 + 0.5f * 47) / 111f);
    }

    [Fact]
    public void Average_value_must_reject_an_empty_batch()
    {
        var act = () => new AverageValue().Accumulate(1f, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected a batch of >= 1 rows, got 0*");
    }
}
