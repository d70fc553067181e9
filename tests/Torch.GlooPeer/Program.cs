using TorchSharp;
using Troupe.Torch.GlooPeer;
using static TorchSharp.torch.distributed;

// One rank of a Gloo test: peer <scenario> <host> <port> <rank> <worldSize> <timeoutMs>
// Prints "loaded" once libtorch is up (the test starts its own rendezvous then), checks its own
// result and exits 0 on success, 1 on a wrong result or an unexpected error, 2 on bad usage.
if (args.Length < 6)
{
    Console.Error.WriteLine("usage: peer <allreduce|broadcast|barrier|sleep|exit|survive> <host> <port> <rank> <worldSize> <timeoutMs>");
    return 2;
}
var (scenario, host, port, rank, worldSize, timeout) =
    (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), TimeSpan.FromMilliseconds(int.Parse(args[5])));

using (torch.tensor(new float[] { 0 })) Console.WriteLine("loaded");

try
{
    using var group = new ProcessGroup(host, port, rank, worldSize, timeout);
    switch (scenario)
    {
        case "allreduce":
            foreach (var (floats, average) in GlooScenario.AllReduceCases)
            {
                var bucket = GlooScenario.Bucket(rank, floats);
                group.AllReduce(bucket, average ? ReduceOp.Avg : ReduceOp.Sum);
                if (Check($"allreduce of {floats} floats ({(average ? "avg" : "sum")})", GlooScenario.Reduced(worldSize, floats, average), GlooScenario.Flatten(bucket)) != 0)
                    return 1;
                foreach (var t in bucket) t.Dispose();
            }
            break;
        case "broadcast":
            for (var src = 0; src < worldSize; src++)
            {
                var set = GlooScenario.BroadcastSet(rank);
                group.Broadcast(set, src);
                var expected = GlooScenario.BroadcastSet(src);
                if (!set[1].data<long>().SequenceEqual(expected[1].data<long>()))
                {
                    Console.Error.WriteLine($"broadcast from {src}: int64 tensor differs from the root's");
                    return 1;
                }
                if (Check($"broadcast from {src}", GlooScenario.Flatten([expected[0], expected[2]]), GlooScenario.Flatten([set[0], set[2]])) != 0)
                    return 1;
            }
            break;
        case "barrier":
            for (var i = 0; i < 3; i++) group.Barrier();
            break;
        case "sleep":
            group.Barrier();
            Console.WriteLine("ready");
            Thread.Sleep(TimeSpan.FromSeconds(60));
            break;
        case "exit":
            group.Barrier();
            Console.WriteLine("exiting");
            Environment.Exit(0); // no Dispose: the OS closes the sockets, as when a process crashes
            break;
        case "survive":
            group.Barrier();
            try
            {
                group.AllReduce(GlooScenario.Bucket(rank, 256));
                Console.Error.WriteLine("survive: allreduce succeeded although the peer is gone");
                return 1;
            }
            catch (TorchException e)
            {
                Console.WriteLine($"failed: {e.Message}");
            }
            break;
        default:
            Console.Error.WriteLine($"unknown scenario '{scenario}'");
            return 2;
    }
    Console.WriteLine("ok");
    return 0;
}
catch (TorchException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static int Check(string what, float[] expected, float[] actual)
{
    var at = GlooScenario.FirstMismatch(expected, actual);
    if (at < 0) return 0;
    Console.Error.WriteLine($"{what}: mismatch at element {at} of {expected.Length}: expected {(at < expected.Length ? expected[at] : float.NaN)}, got {(at < actual.Length ? actual[at] : float.NaN)}");
    return 1;
}
