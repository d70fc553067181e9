using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using Troupe.Training.Models;
using static TorchSharp.torch;

namespace Troupe.Bench.Torch;

/// <summary>
/// AWD-LSTM's weight-dropped LSTM layer (<see cref="WeightDropout"/>: the recurrence in tensor ops, because TorchSharp's
/// nn.LSTM takes no external weights) against TorchSharp's fused nn.LSTM without weight dropout, same sizes: forward and
/// backward of one layer over a batch, training mode, one intra-op thread. Two sizes: the Human Numbers recipe
/// (64 -> 128, bs 64, seq 16) and the CPU-sized ULMFiT encoder (256 -> 512, bs 32, bptt 70).
/// </summary>
internal static class WeightDropoutBench
{
    public static int Run(int steps)
    {
        foreach (var (nIn, hidden, bs, seq) in new[] { (64L, 128L, 64L, 16L), (256L, 512L, 32L, 70L) })
        {
            torch.manual_seed(0);
            using var fused = nn.LSTM(nIn, hidden, 1, batchFirst: true);
            using var dropped = new WeightDropout(nIn, hidden, 0.2);
            using var x = randn(bs, seq, nIn);
            var fusedMs = Time(steps, () => fused.forward(x).Item1);
            var droppedMs = Time(steps, () => dropped.forward(x, null).Output);
            Console.WriteLine($"wdrop   {nIn}->{hidden} bs {bs} seq {seq}: nn.LSTM {fusedMs:F2} ms, WeightDropout(p 0.2) {droppedMs:F2} ms per forward+backward, ratio {droppedMs / fusedMs:F2}x");
        }
        return 0;
    }

    // Best of 3 runs of `steps` forward+backward passes, in ms per pass.
    private static double Time(int steps, Func<Tensor> forward)
    {
        void Pass()
        {
            using var scope = NewDisposeScope();
            forward().sum().backward();
        }
        for (var i = 0; i < 5; i++) Pass();
        var best = double.MaxValue;
        for (var r = 0; r < 3; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++) Pass();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds / steps);
        }
        return best;
    }
}
