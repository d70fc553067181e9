using System.Diagnostics;
using TorchSharp;
using Troupe.Collectives;

// One rank of the Gloo allreduce benchmark: Troupe.Collectives.Bench.Gloo <rank> <worldSize> <port>
// Every rank runs the same cases; rank 0 prints one line per case (best of 3 repeats):
//   troupe <case> <bytes> <iterations> <microseconds per allreduce> <bus bandwidth GB/s>
// Bus bandwidth = bytes / time * 2(n-1)/n (NCCL-tests' definition; equal to bytes / time for n = 2).
// bench/Gloo/allreduce.py prints the same lines for PyTorch's torch.distributed.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Troupe.Collectives.Bench.Gloo <rank> <worldSize> <port>");
    return 2;
}
var (rank, worldSize, port) = (int.Parse(args[0]), int.Parse(args[1]), int.Parse(args[2]));
torch.set_num_threads(1);
(string Name, long Bytes, int Tensors, int Iterations)[] cases =
[
    ("1KB", 1 << 10, 1, 2000),
    ("1MB", 1 << 20, 1, 200),
    ("25MB", 25 << 20, 1, 20),
    ("25MB/16-tensor-bucket", 25 << 20, 16, 20),
];

using var group = new ProcessGroup("127.0.0.1", port, rank, worldSize, TimeSpan.FromSeconds(60));
foreach (var (name, bytes, count, iterations) in cases)
{
    var floats = (int)(bytes / sizeof(float));
    var tensors = Enumerable.Range(0, count).Select(_ => torch.zeros(floats / count)).ToArray();
    for (var i = 0; i < Math.Max(2, iterations / 10); i++) group.AllReduce(tensors);
    var best = double.MaxValue;
    for (var repeat = 0; repeat < 3; repeat++)
    {
        group.Barrier();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) group.AllReduce(tensors);
        best = Math.Min(best, clock.Elapsed.TotalSeconds / iterations);
    }
    var busBandwidth = bytes / best * 2 * (worldSize - 1) / worldSize / 1e9;
    if (rank == 0) Console.WriteLine($"troupe  {name,-22} {bytes,10} {iterations,6} {best * 1e6,12:F1} {busBandwidth,8:F3}");
    foreach (var t in tensors) t.Dispose();
}
group.Barrier();
return 0;
