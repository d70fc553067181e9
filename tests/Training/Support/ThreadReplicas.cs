namespace Troupe.Training.Tests.Support;

/// <summary>
/// Ranks of one Gloo group on threads of the test process (each with its own ProcessGroup on loopback). Every
/// wait is bounded: a rank that fails makes the others' collectives fail within the group's timeout.
/// </summary>
internal static class ThreadReplicas
{
    /// <summary>Timeout of groups in specs that expect success (rendezvous on two busy cores included).</summary>
    public static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);

    /// <summary>Bound of a whole multi-rank spec body.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(180);

    /// <summary>Runs <paramref name="body"/> once per rank of a <paramref name="world"/>-rank group, concurrently; results by rank.</summary>
    public static Task<T[]> RunAsync<T>(int world, Func<Troupe.Collectives.ProcessGroup, T> body, TimeSpan? timeout = null)
    {
        var port = PeerProcess.FreePort();
        var ranks = Enumerable.Range(0, world).Select(rank => Task.Factory.StartNew(() =>
        {
            using var group = new Troupe.Collectives.ProcessGroup("127.0.0.1", port, rank, world, timeout ?? Patient);
            return body(group);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        return Task.WhenAll(ranks).WaitAsync(Bound);
    }
}
