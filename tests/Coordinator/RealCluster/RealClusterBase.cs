using System.Text.RegularExpressions;
using Troupe.Coordinator.Journal;
using Troupe.Coordinator.Tests.Support;

namespace Troupe.Coordinator.Tests.RealCluster;

/// <summary>
/// A coordinator and workers as real OS processes on 127.0.0.1 (troupe-coordinator run --listen, troupe-worker --seed),
/// with tight failure detection, a spec of tiny LMModel7 trials (n_hidden 16) and a run directory under a temp folder.
/// Every process is killed on dispose; a failing test prints every process's output.
/// </summary>
public abstract partial class RealClusterBase(ITestOutputHelper output) : IDisposable
{
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);
    private readonly List<TroupeProcess> processes = [];

    protected ITestOutputHelper Output => output;

    protected TempFolder Folder { get; } = new();

    protected int CoordinatorPort { get; } = TroupeProcess.FreePort();

    protected string RunDir => Folder.Sub("run");

    /// <summary>8 random trials of LMModel7 with n_hidden 16, FIFO (every trial runs all <paramref name="epochs"/>).</summary>
    protected string WriteSpec(int epochs, bool deterministic)
    {
        var path = Folder.Sub("spec.yaml");
        File.WriteAllText(path, $"""
            name: system-test
            data: {"{"} kind: human-numbers {"}"}
            model: lmmodel7
            train: {"{"} epochs: {epochs}, batch_size: 64, seq_len: 16, schedule: one-cycle, metric: valid_loss, mode: min {"}"}
            params:
              lr: loguniform(3e-3, 3e-2)
              n_hidden: 16
              p: 0.2
              wd: 0.1
            search: {"{"} kind: random, samples: 8, seed: 42 {"}"}
            scheduler: {"{"} kind: fifo {"}"}
            retries: 3
            deterministic: {(deterministic ? "true" : "false")}
            """);
        return path;
    }

    /// <summary>Workers that must join before the coordinator starts its sweep (<c>--min-workers</c>).</summary>
    protected virtual int MinWorkers => 2;

    protected TroupeProcess StartCoordinator(params string[] command) =>
        Track(TroupeProcess.Start("coordinator", "troupe-coordinator.dll",
            [.. command, "--listen", $"127.0.0.1:{CoordinatorPort}", "--min-workers", $"{MinWorkers}", "--progress-every", "0"]));

    protected TroupeProcess StartWorker(string name, int port) =>
        Track(TroupeProcess.Start(name, "troupe-worker.dll", "--seed", $"127.0.0.1:{CoordinatorPort}", "--slots", "1", "--listen", $"127.0.0.1:{port}"));

    /// <summary>The trial the coordinator placed first on the worker at <paramref name="port"/>.</summary>
    protected static async Task<string> FirstTrialPlacedOn(TroupeProcess coordinator, int port)
    {
        var line = await coordinator.WaitForLineAsync(l => l.Contains("placed  trial-") && l.Contains($" on 127.0.0.1:{port}"), $"a placement on :{port}", Bound);
        return Placed().Match(line).Groups[1].Value;
    }

    protected static Task<string> EpochRow(TroupeProcess coordinator, string trial, int epoch) =>
        coordinator.WaitForLineAsync(l => Regex.IsMatch(l, $@"^{trial}\s+{epoch}\s"), $"the epoch {epoch} row of {trial}", Bound);

    internal JournalSnapshot Snapshot()
    {
        using var journal = RunJournal.Open(RunDir);
        return journal.Snapshot() ?? throw new InvalidOperationException($"no experiment journaled in {RunDir}");
    }

    /// <summary>Asserts exit code 0 of a finished sweep, printing every process's output otherwise.</summary>
    protected async Task ExpectSweepFinished(TroupeProcess coordinator)
    {
        var code = await coordinator.WaitForExitAsync(Bound);
        code.Should().Be(0, "the sweep finishes with every trial completed:\n{0}", AllOutput());
    }

    protected string AllOutput() => string.Join("\n", processes.Select(p => p.Output));

    public void Dispose()
    {
        foreach (var p in processes)
        {
            if (!p.HasExited) output.WriteLine($"{p.Name} still running at the end of the test: killed");
            output.WriteLine(p.Output);
            p.Dispose();
        }
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    private TroupeProcess Track(TroupeProcess process)
    {
        processes.Add(process);
        return process;
    }

    [GeneratedRegex(@"placed  (trial-\d+)#")]
    private static partial Regex Placed();
}
