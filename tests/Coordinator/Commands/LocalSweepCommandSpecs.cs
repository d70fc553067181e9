using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Tests.Support;

namespace Troupe.Coordinator.Tests.Commands;

/// <summary><c>troupe-coordinator run</c> / <c>resume</c> end to end in this process, with the output captured.</summary>
public sealed class LocalSweepCommandSpecs : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    private string Write(string name, string yaml)
    {
        var path = folder.Sub(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private int Run(string? spec, string? runDir, bool dryRun = false) =>
        LocalSweep.Run(new SweepOptions(spec, runDir, 2, 1, LogFormat.Text, TimeSpan.Zero, dryRun), stdout, stderr);

    [Fact]
    public void Run_must_refuse_an_invalid_spec_with_file_line_and_expectation_before_anything_runs()
    {
        var spec = Write("bad.yaml", "name: bad\ndata: { kind: human-numbers }\nmodel: lmmodel9\ntrain: { epochs: ten, batch_size: 64, seq_len: 16 }\n");

        Run(spec, folder.Sub("run")).Should().Be(2);

        stderr.ToString().Should().Contain("bad.yaml:3:8: model: expected a registered model").And.Contain("bad.yaml:4:18: train.epochs: expected an integer");
        Directory.Exists(folder.Sub("run")).Should().BeFalse();
    }

    [Fact]
    public void Run_must_refuse_parameters_the_model_does_not_take()
    {
        var spec = Write("params.yaml", "name: p\ndata: { kind: human-numbers }\nmodel: lmmodel7\ntrain: { epochs: 1, batch_size: 64, seq_len: 16 }\nparams:\n  n_hiden: choice(8, 16)\n");

        Run(spec, folder.Sub("run")).Should().Be(2);

        stderr.ToString().Should().Contain("trial-0000 (n_hiden=8): model 'lmmodel7': expected hyperparameters among n_hidden, n_layers, p, got 'n_hiden'");
    }

    [Fact]
    public void Run_must_list_the_trials_of_a_dry_run_and_train_nothing()
    {
        var spec = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../experiments/human-numbers.yaml"));

        Run(spec, folder.Sub("run"), dryRun: true).Should().Be(0);

        stdout.ToString().Should().Contain("valid; 8 trials of lmmodel7, 6 epochs each, scheduler asha").And.Contain("trial-0007: lr=");
        Directory.Exists(folder.Sub("run")).Should().BeFalse();
    }

    [Fact]
    public void Run_must_accept_the_data_parallel_example_on_two_local_workers_and_refuse_it_on_one()
    {
        var spec = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../experiments/lmmodel6-dp.yaml"));

        Run(spec, folder.Sub("run"), dryRun: true).Should().Be(0, stderr.ToString());
        LocalSweep.Run(new SweepOptions(spec, folder.Sub("run"), 1, 1, LogFormat.Text, TimeSpan.Zero, DryRun: true), stdout, stderr).Should().Be(2);

        stdout.ToString().Should().Contain("valid; 1 trials of lmmodel6, 3 epochs each");
        stderr.ToString().Should().Contain("lmmodel6-dp.yaml: resources.replicas: expected at most 1 replica of 1 slot (--local-workers 1 with --slots 1 each), got 2");
        Directory.Exists(folder.Sub("run")).Should().BeFalse();
    }

    [Fact]
    public void Run_must_finish_a_noop_sweep_and_resume_must_see_it_finished()
    {
        var spec = Write("noop.yaml", "name: tiny\ndata: { kind: human-numbers }\nmodel: noop\ntrain: { epochs: 2, batch_size: 64, seq_len: 16 }\nparams:\n  seconds: 0\n  x: grid(1, 2, 3)\n");
        var runDir = folder.Sub("run");

        Run(spec, runDir).Should().Be(0, stderr.ToString());
        Run(null, runDir).Should().Be(0);
        Run(null, folder.Sub("missing")).Should().Be(2);

        stdout.ToString().Should().Contain("sweep tiny finished: 3 completed, 0 stopped early, 0 failed").And.Contain("sweep tiny already finished");
        stderr.ToString().Should().Contain("resume: expected a run directory with journal.db");
        File.Exists(Path.Combine(runDir, "summary.md")).Should().BeTrue();
    }

    public void Dispose() => folder.Dispose();
}
