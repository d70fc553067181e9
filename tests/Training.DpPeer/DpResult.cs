using System.Text.Json;
using System.Text.Json.Serialization;

namespace Troupe.Training.DpPeer;

/// <summary>
/// What one replica (or the single-replica reference) ended with: per epoch train_loss, valid_loss and
/// accuracy, its own tokens/s and the group's per-replica tokens/s; the final weights by state-dict name; the
/// epoch-boundary checkpoint when the run stopped early (<see cref="DpRun.StopAfterEpochs"/>).
/// Written as JSON by the peer, read back by the test.
/// </summary>
public sealed record DpResult(int Rank, int WorldSize, IReadOnlyList<DpEpoch> Epochs, IReadOnlyDictionary<string, float[]> Weights, byte[]? Checkpoint = null)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static DpResult Load(string path) =>
        JsonSerializer.Deserialize<DpResult>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"expected a DpResult in {path}, got null");

    /// <summary>The file replica <paramref name="rank"/> writes into <paramref name="folder"/>.</summary>
    public static string PathFor(string folder, int rank) => Path.Combine(folder, $"replica-{rank}.json");
}
