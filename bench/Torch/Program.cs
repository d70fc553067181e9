using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using Troupe.Bench.Torch;
using static TorchSharp.torch;

// Usage: Troupe.Bench.Torch steps <steps>   one line: troupe steps/s <best of 3 runs of <steps> steps> <steps per CPU-second>
//        Troupe.Bench.Torch rss <steps>     RSS and live tensors before/after <steps> training steps
//        Troupe.Bench.Torch wdrop <steps>   AWD-LSTM's weight-dropped LSTM layer vs nn.LSTM (WeightDropoutBench.cs)
// The model and loop are train_step.py's: vocab 30, embedding 64, LSTM(64, 2 layers, batch first),
// linear to 30, batch 64, seq 16, cross-entropy, AdamW(lr 1e-3), loss.item() every step as a
// Learner does, one intra-op thread.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length != 2 || args[0] is not ("steps" or "rss" or "wdrop") || !int.TryParse(args[1], out var steps) || steps < 1)
{
    Console.Error.WriteLine("usage: Troupe.Bench.Torch steps|rss|wdrop <steps>");
    return 2;
}
if (args[0] == "wdrop") return WeightDropoutBench.Run(steps);
const long Vocab = 30, Hidden = 64, Layers = 2, Batch = 64, Seq = 16;
torch.set_num_threads(1);
torch.manual_seed(42);
using var model = new LstmLanguageModel(Vocab, Hidden, Layers);
using var optimizer = optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01);
// A few fixed batches, cycled, so data preparation is not measured.
var xs = Enumerable.Range(0, 8).Select(_ => randint(Vocab, [Batch, Seq])).ToArray();
var ys = Enumerable.Range(0, 8).Select(_ => randint(Vocab, [Batch, Seq])).ToArray();
var step = 0;

float Step()
{
    using var scope = NewDisposeScope();
    var output = model.forward(xs[step % xs.Length]);
    var loss = nn.functional.cross_entropy(output.view(-1, Vocab), ys[step % ys.Length].view(-1));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    step++;
    return loss.item<float>();
}

for (var i = 0; i < 50; i++) Step();
if (args[0] == "steps")
{
    // Steps per CPU-second (this process, all threads) is reported beside wall-clock steps/s: on a
    // machine shared with other jobs it moves much less than wall time does.
    var (best, bestCpu) = (0.0, 0.0);
    for (var repeat = 0; repeat < 3; repeat++)
    {
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) Step();
        best = Math.Max(best, steps / clock.Elapsed.TotalSeconds);
        bestCpu = Math.Max(bestCpu, steps / (CpuSeconds() - cpu));
    }
    Console.WriteLine($"troupe  steps/s {best:F1} per-cpu-s {bestCpu:F1}");
}
else
{
    GC.Collect();
    var (rss0, live0, heap0) = (RssMegabytes(), Tensor.TotalCount, GC.GetTotalMemory(true) / 1048576.0);
    var loss = 0f;
    for (var i = 0; i < steps; i++) loss = Step();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var (rss1, live1, heap1) = (RssMegabytes(), Tensor.TotalCount, GC.GetTotalMemory(true) / 1048576.0);
    Console.WriteLine($"troupe  rss {steps} steps: {rss0:F1} MB -> {rss1:F1} MB, growth {rss1 - rss0:F1} MB; " +
                      $"managed heap {heap0:F1} MB -> {heap1:F1} MB; live tensors {live0} -> {live1}; last loss {loss:F4}");
}
model.Reset();
foreach (var t in xs.Concat(ys)) t.Dispose();
return 0;

static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

// Resident set size from /proc (what the OS charges the process, native allocations included).
static double RssMegabytes()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}
