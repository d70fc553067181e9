using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Troupe.Collectives;

// One replica of the data-parallel benchmark: Troupe.Training.Bench.DataParallel <rank> <worldSize> <port> <wikitext-2 folder>
// AWD-LSTM on WikiText-2 (valid.txt trains, test.txt validates), the whole batch BS split over the replicas by rows,
// one intra-op thread per process. After WARMUP training steps it times STEPS steps (all inside epoch 0, so no
// validation pass runs) and prints one line per replica, then rank 0 prints the group line:
//   replica <r>/<n> rows <bs/n> steps <s> tokens/s <wall> tokens/cpu-s <cpu> step_ms <wall> compute_ms <c> comm_ms <m> grad_MB <g>
//   group <n> tokens/s <sum over replicas>
// A world of 1 trains a plain Learner (no process group, no collectives): the single-replica baseline.
// Config from the environment: EMB (200), HID (400), LAYERS (3), BS (80), BPTT (70), STEPS (20), WARMUP (2).
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Troupe.Training.Bench.DataParallel <rank> <worldSize> <port> <wikitext-2 folder>");
    return 2;
}
var inv = CultureInfo.InvariantCulture;
var (rank, world, port, folder) = (int.Parse(args[0], inv), int.Parse(args[1], inv), int.Parse(args[2], inv), args[3]);
int Env(string name, int fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, inv) : fallback;
var (emb, hid, layers, bs, bptt, steps, warmup) = (Env("EMB", 200), Env("HID", 400), Env("LAYERS", 3), Env("BS", 80), Env("BPTT", 70), Env("STEPS", 20), Env("WARMUP", 2));

var full = TrainingData.Load(new DataSpec(DataKind.WikiText2, folder), DataLayout.Sequence, bs, bptt);
if (warmup + steps > full.Train.BatchCount)
{
    Console.Error.WriteLine($"expected WARMUP + STEPS <= {full.Train.BatchCount} (one epoch of valid.txt at bs {bs}, bptt {bptt}), got {warmup + steps}");
    return 2;
}
var dls = world == 1 ? full : full.ForReplica(rank, world);
torch.manual_seed(42);
using var model = ModelRegistry.Create("awd_lstm", dls.Vocab, new Dictionary<string, double> { ["emb_sz"] = emb, ["n_hid"] = hid, ["n_layers"] = layers });
using var group = world == 1 ? null : new ProcessGroup("127.0.0.1", port, rank, world, TimeSpan.FromSeconds(120));
var dp = group is null ? null : new DataParallelCallback(group, new DataParallelOptions { Seed = 42 });
using var learn = TextLearner.Create(dls, model, cbs: dp is null ? [] : [dp]);
using var run = learn.BeginFit(FitPlan.Fit(1, 1e-3, wd: 0.1));

var self = Process.GetCurrentProcess();
for (var i = 0; i < warmup; i++) run.Step();
var comm0 = dp?.CommTime ?? TimeSpan.Zero;
self.Refresh();
var cpu0 = self.TotalProcessorTime;
var clock = Stopwatch.StartNew();
long tokens = 0;
for (var i = 0; i < steps; i++)
{
    var step = run.Step();
    if (step.Kind != StepKind.TrainBatch) throw new InvalidOperationException($"expected a training step, got {step.Kind}");
    tokens += (long)dls.Train.BatchSize * bptt;
}
var wall = clock.Elapsed.TotalSeconds;
self.Refresh();
var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
var comm = ((dp?.CommTime ?? TimeSpan.Zero) - comm0).TotalSeconds;
run.RequestStop();
run.Step();

var gradBytes = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel() * p.element_size());
Console.WriteLine(string.Create(inv,
    $"replica {rank}/{world} rows {dls.Train.BatchSize} steps {steps} tokens/s {tokens / wall:F0} tokens/cpu-s {tokens / cpu:F0} step_ms {wall / steps * 1e3:F1} compute_ms {(wall - comm) / steps * 1e3:F1} comm_ms {comm / steps * 1e3:F1} grad_MB {gradBytes / 1e6:F1} vocab {dls.Vocab.Count}"));
if (group is not null)
{
    using var rate = torch.tensor(new[] { tokens / wall });
    group.AllReduce(rate);
    if (rank == 0) Console.WriteLine(string.Create(inv, $"group {world} tokens/s {rate.item<double>():F0}"));
}
else
{
    Console.WriteLine(string.Create(inv, $"group 1 tokens/s {tokens / wall:F0}"));
}
return 0;
