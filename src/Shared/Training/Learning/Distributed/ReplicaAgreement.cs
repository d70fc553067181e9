using TorchSharp;
using static TorchSharp.torch;
using Troupe.Collectives;

namespace Troupe.Training.Learning;

/// <summary>
/// Checks, before the first collective whose shape depends on them, that every replica has the same values
/// (batches per epoch, model layout, options): a mismatch would otherwise pair collectives of different sizes and
/// fail obscurely or wait out the timeout. One int64 allreduce of a [world, values] table in which each replica
/// fills its own row gathers every replica's values everywhere, so all replicas reach the same verdict, throw the
/// same message and name each replica that differs from rank 0.
/// </summary>
internal static class ReplicaAgreement
{
    /// <exception cref="InvalidOperationException">some replica differs from rank 0 (on every replica).</exception>
    /// <exception cref="CollectiveException">a peer failed or the timeout expired.</exception>
    public static void Require(ProcessGroup group, IReadOnlyList<(string Name, long Value)> values)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(values);
        var k = values.Count;
        var table = new long[group.WorldSize * k];
        for (var i = 0; i < k; i++) table[group.Rank * k + i] = values[i].Value;
        using (var scope = NewDisposeScope())
        {
            var t = tensor(table);
            group.AllReduce(t);
            table = t.data<long>().ToArray();
        }
        var problems = new List<string>();
        for (var i = 0; i < k; i++)
        {
            var rank0 = table[i];
            var others = Enumerable.Range(1, group.WorldSize - 1).Where(r => table[r * k + i] != rank0).Select(r => $"rank {r}: {table[r * k + i]}").ToList();
            if (others.Count > 0) problems.Add($"{values[i].Name} (rank 0: {rank0}, {string.Join(", ", others)})");
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"DataParallel: expected every replica to agree with rank 0, got differences in {string.Join("; ", problems)}");
    }
}
