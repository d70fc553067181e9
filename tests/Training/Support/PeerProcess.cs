using System.Globalization;

namespace Troupe.Tests.Support;

// tests/Training's peers: one process of tests/Training.DpPeer hosting one or more ranks of a data-parallel group.
internal sealed partial class PeerProcess
{
    /// <summary>Bound of any wait on a peer: generous, since replicas on two busy cores train slowly.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    /// <param name="pause">Makes the peer's ranks stop answering before (epoch, batch) of training.</param>
    /// <param name="parameters">The trial's parameters (lr, wd, model hyperparameters; null: the registry's recipe).</param>
    public static PeerProcess Start(string model, int epochs, int port, int worldSize, TimeSpan timeout, string outDir, IReadOnlyList<int> ranks,
        (int Epoch, int Batch)? pause = null, IReadOnlyDictionary<string, double>? parameters = null)
    {
        List<string> args = [model, $"{epochs}", "127.0.0.1", $"{port}", $"{worldSize}", $"{(int)timeout.TotalMilliseconds}", outDir, string.Join(',', ranks)];
        if (pause is { } p) args.Add($"pause={p.Epoch}:{p.Batch}");
        if (parameters is { Count: > 0 })
            args.Add("params=" + string.Join(',', parameters.Select(kv => $"{kv.Key}:{kv.Value.ToString("R", CultureInfo.InvariantCulture)}")));
        return Launch("Troupe.Training.DpPeer.dll", args);
    }
}
