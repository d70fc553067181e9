using System.Diagnostics;
using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Learning;

/// <summary>
/// Long training must not leak: LMModel4-sized steps (Human Numbers, bs 64, sl 16, hidden 64, fastai Adam, the
/// Learner with its recorder and smooth loss) keep the same number of live tensors from one epoch end to the next
/// and return to the pre-model baseline after the fit, and the process's RSS grows less than 50 MB after warm-up.
/// Live tensors are TorchSharp's per-thread accounting (LiveTensors; there is no process-wide count); the Learner runs
/// on the test's thread. The issue asks for 10,000 steps in the bench; CI runs 2,000 (a few seconds), the Slow
/// category the full 10,000.
/// </summary>
public sealed class MemorySpecs(ITestOutputHelper output)
{
    private static readonly Lazy<TextDataLoaders> Dls = new(() => HumanNumbers.Load().LoadersFor(DataLayout.Sequence));

    private const long RssBudget = 50L << 20;

    [Fact]
    public void Two_thousand_LMModel4_steps_must_keep_live_tensors_and_rss_flat() => Train(2_000);

    [Fact]
    [Trait("Category", "Slow")]
    public void Ten_thousand_LMModel4_steps_must_keep_live_tensors_and_rss_flat() => Train(10_000);

    private void Train(int steps)
    {
        var dls = Dls.Value;
        var perEpoch = dls.Train.BatchCount;
        var epochs = Math.Max(2, (steps + perEpoch - 1) / perEpoch);
        var baseline = LiveTensors.OnThisThread;
        var probe = new Probe();
        var clock = Stopwatch.StartNew();
        torch.manual_seed(0);
        using (var model = new LMModel4(dls.Vocab.Count, 64))
        using (var learn = new Learner(dls, model, cbs: [probe]))
        {
            learn.Fit(epochs, 1e-3);
        }
        var after = LiveTensors.OnThisThread;
        clock.Stop();

        var growth = probe.Rss[^1] - probe.Rss[0];
        output.WriteLine($"{probe.Steps} steps in {epochs} epochs, {clock.Elapsed.TotalSeconds:F1} s; live tensors at epoch ends {string.Join(" ", probe.Live.Select(l => l - baseline))} "
            + $"(over the baseline), after the fit {after - baseline}; RSS after epoch 1 {probe.Rss[0] / 1e6:F1} MB, growth since {growth / 1e6:F1} MB");
        probe.Steps.Should().BeGreaterThanOrEqualTo(steps);
        probe.Live.Skip(1).Should().AllSatisfy(l => l.Should().Be(probe.Live[0], "every epoch must end with the tensors the first one ended with"));
        after.Should().Be(baseline, "the fit and its model are gone");
        growth.Should().BeLessThan(RssBudget, "RSS may not grow 50 MB after the first epoch");
    }

    private sealed class Probe : Callback
    {
        public List<long> Live { get; } = [];

        public List<long> Rss { get; } = [];

        public int Steps { get; private set; }

        public override void AfterStep() => Steps++;

        public override void AfterEpoch()
        {
            Live.Add(LiveTensors.OnThisThread);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var self = Process.GetCurrentProcess();
            Rss.Add(self.WorkingSet64);
        }
    }
}
