using TorchSharp;
using Troupe.Collectives;
using Troupe.Collectives.Peer;

// One rank of a collectives test: peer <scenario> <host> <port> <rank> <worldSize> <timeoutMs>
// Prints "loaded" once TorchSharp is up (the test starts its own rendezvous then), checks its own results and exits
// 0 on success, 1 on a wrong result or an unexpected error (message on stderr), 2 on bad usage.
if (args.Length < 6)
{
    Console.Error.WriteLine("usage: peer <allreduce|mixed|broadcast|barrier|small|sleep|exit|survive> <host> <port> <rank> <worldSize> <timeoutMs>");
    return 2;
}
var (scenario, host, port, rank, worldSize, timeout) =
    (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), TimeSpan.FromMilliseconds(int.Parse(args[5])));

using (torch.tensor(new float[] { 0 })) Console.WriteLine("loaded");

try
{
    using var group = new ProcessGroup(host, port, rank, worldSize, timeout);
    string? wrong = null;
    switch (scenario)
    {
        case "allreduce":
            foreach (var (floats, average) in Scenario.AllReduceCases)
            {
                var bucket = Scenario.Bucket(rank, floats);
                group.AllReduce(bucket, average ? ReduceOp.Avg : ReduceOp.Sum);
                wrong ??= ScenarioChecks.Bucket(bucket, worldSize, floats, average);
                Scenario.DisposeAll(bucket);
            }
            break;
        case "mixed":
            var (@base, list) = Scenario.Mixed(rank);
            group.AllReduce(list);
            wrong = ScenarioChecks.Mixed(@base, list, worldSize);
            break;
        case "small":
            var small = Scenario.Bucket(rank, 256);
            group.AllReduce(small);
            wrong = ScenarioChecks.Bucket(small, worldSize, 256, average: false);
            break;
        case "broadcast":
            for (var src = 0; src < worldSize && wrong is null; src++)
            {
                var set = Scenario.BroadcastSet(rank);
                group.Broadcast(set, src);
                wrong = ScenarioChecks.Broadcast(set, src);
                Scenario.DisposeAll(set);
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
                group.AllReduce(Scenario.Bucket(rank, 256));
                wrong = "survive: allreduce succeeded although the peer is gone";
            }
            catch (CollectiveException e)
            {
                Console.WriteLine($"failed: {e.Message}");
            }
            break;
        default:
            Console.Error.WriteLine($"unknown scenario '{scenario}'");
            return 2;
    }
    if (wrong is not null)
    {
        Console.Error.WriteLine(wrong);
        return 1;
    }
    Console.WriteLine("ok");
    return 0;
}
catch (CollectiveException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
