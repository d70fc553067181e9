using System.Globalization;
using TorchSharp;
using Troupe.Training.DpPeer;

// Replicas of a data-parallel test in one process (one thread per rank):
//   dp-peer <model> <epochs> <host> <port> <worldSize> <timeoutMs> <outDir> <rank>[,<rank>...] [pause=E:B]
// Prints "loaded" once libtorch is up, one line per epoch and rank, then "ok" and exits 0 with
// replica-<rank>.json in outDir; a collective that fails prints "rank R failed: <TorchException>" and
// exits 3; bad usage exits 2, anything else 1.
if (args.Length < 8)
{
    Console.Error.WriteLine("usage: dp-peer <model> <epochs> <host> <port> <worldSize> <timeoutMs> <outDir> <rank>[,<rank>...] [pause=E:B]");
    return 2;
}
var inv = CultureInfo.InvariantCulture;
var (model, epochs, host, port, world, timeout, outDir) =
    (args[0], int.Parse(args[1], inv), args[2], int.Parse(args[3], inv), int.Parse(args[4], inv), TimeSpan.FromMilliseconds(int.Parse(args[5], inv)), args[6]);
var ranks = args[7].Split(',').Select(r => int.Parse(r, inv)).ToArray();
(int, int)? pause = null;
if (args.Length > 8 && args[8].StartsWith("pause=", StringComparison.Ordinal))
{
    var parts = args[8]["pause=".Length..].Split(':');
    pause = (int.Parse(parts[0], inv), int.Parse(parts[1], inv));
}
var run = new DpRun(model, epochs, PauseAt: pause);

using (torch.tensor(new float[] { 0 })) Console.WriteLine("loaded");

var codes = ranks.Select(rank => Task.Run(() =>
{
    try
    {
        using var group = new torch.distributed.ProcessGroup(host, port, rank, world, timeout);
        var result = DpScenario.Train(run, group, Console.WriteLine);
        result.Save(DpResult.PathFor(outDir, rank));
        return 0;
    }
    catch (TorchException e)
    {
        Console.WriteLine($"rank {rank} failed: {e.Message}");
        return 3;
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"rank {rank}: {e}");
        return 1;
    }
})).ToArray();
Task.WaitAll(codes);
var code = codes.Max(t => t.Result);
if (code == 0) Console.WriteLine("ok");
return code;
