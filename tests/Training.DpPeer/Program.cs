using System.Globalization;
using TorchSharp;
using Troupe.Training.DpPeer;

// Replicas of a data-parallel test in one process (one thread per rank):
//   dp-peer <model> <epochs> <host> <port> <worldSize> <timeoutMs> <outDir> <rank>[,<rank>...] [pause=E:B] [params=NAME:VALUE,...]
// Prints "loaded" once libtorch is up, one line per epoch and rank, then "ok" and exits 0 with
// replica-<rank>.json in outDir; a collective that fails prints "rank R failed: <CollectiveException>" and
// exits 3; bad usage exits 2, anything else 1.
if (args.Length < 8)
{
    Console.Error.WriteLine("usage: dp-peer <model> <epochs> <host> <port> <worldSize> <timeoutMs> <outDir> <rank>[,<rank>...] [pause=E:B] [params=NAME:VALUE,...]");
    return 2;
}
var inv = CultureInfo.InvariantCulture;
var (model, epochs, host, port, world, timeout, outDir) =
    (args[0], int.Parse(args[1], inv), args[2], int.Parse(args[3], inv), int.Parse(args[4], inv), TimeSpan.FromMilliseconds(int.Parse(args[5], inv)), args[6]);
var ranks = args[7].Split(',').Select(r => int.Parse(r, inv)).ToArray();
(int, int)? pause = null;
Dictionary<string, double>? parameters = null;
foreach (var option in args.Skip(8))
{
    if (option.StartsWith("pause=", StringComparison.Ordinal))
    {
        var parts = option["pause=".Length..].Split(':');
        pause = (int.Parse(parts[0], inv), int.Parse(parts[1], inv));
    }
    else if (option.StartsWith("params=", StringComparison.Ordinal))
    {
        parameters = option["params=".Length..].Split(',').Select(p => p.Split(':')).ToDictionary(p => p[0], p => double.Parse(p[1], inv), StringComparer.Ordinal);
    }
    else
    {
        Console.Error.WriteLine($"dp-peer: expected pause=E:B or params=NAME:VALUE,..., got '{option}'");
        return 2;
    }
}
var run = new DpRun(model, epochs, PauseAt: pause, Params: parameters);

using (torch.tensor(new float[] { 0 })) Console.WriteLine("loaded");

var codes = ranks.Select(rank => Task.Run(() =>
{
    try
    {
        using var group = new Troupe.Collectives.ProcessGroup(host, port, rank, world, timeout);
        var result = DpScenario.Train(run, group, Console.WriteLine);
        result.Save(DpResult.PathFor(outDir, rank));
        return 0;
    }
    catch (Troupe.Collectives.CollectiveException e)
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
