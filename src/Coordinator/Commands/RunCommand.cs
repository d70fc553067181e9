using System.CommandLine;
using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// <c>troupe-coordinator run SPEC --local-workers N</c> and <c>troupe-coordinator resume RUN_DIR</c>: a sweep on an
/// embedded local cluster (see <see cref="LocalSweep"/>). Ctrl+C stops it; <c>resume</c> continues it.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Experiment spec (YAML), e.g. experiments/human-numbers.yaml." };
        var runDir = new Option<string?>("--run-dir") { Description = "Run directory (default runs/NAME-TIMESTAMP); an existing one is resumed." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the spec and list its trials; run nothing." };
        var command = new Command("run", "Run an experiment's trials on in-process workers, journaled in the run directory.") { spec, runDir, dryRun };
        var (workers, slots, format, progress) = AddCommon(command);
        command.SetAction((result, cancel) => Task.FromResult(Invoke(result, result.GetValue(spec), result.GetValue(runDir), workers, slots, format, progress, cancel,
            result.GetValue(dryRun))));
        return command;
    }

    public static Command CreateResume()
    {
        var runDir = new Argument<string>("run-dir") { Description = "The run directory of an interrupted sweep (it holds journal.db)." };
        var command = new Command("resume", "Continue an interrupted sweep: finished trials never run again; running ones restart from their last checkpoint.") { runDir };
        var (workers, slots, format, progress) = AddCommon(command);
        command.SetAction((result, cancel) => Task.FromResult(Invoke(result, null, result.GetValue(runDir), workers, slots, format, progress, cancel)));
        return command;
    }

    private static (Option<int>, Option<int>, Option<LogFormat>, Option<double>) AddCommon(Command command)
    {
        var workers = new Option<int>("--local-workers") { Description = "In-process workers (the embedded local cluster).", DefaultValueFactory = _ => 2 };
        var slots = new Option<int>("--slots") { Description = "Slots per local worker (a slot runs one trial with one intra-op thread).", DefaultValueFactory = _ => 1 };
        var format = new Option<LogFormat>("--log-format") { Description = "text: fastai rows and one line per event; json: JSON lines.", DefaultValueFactory = _ => LogFormat.Text };
        var progress = new Option<double>("--progress-every") { Description = "Seconds between progress lines (0: none).", DefaultValueFactory = _ => 10 };
        command.Options.Add(workers);
        command.Options.Add(slots);
        command.Options.Add(format);
        command.Options.Add(progress);
        return (workers, slots, format, progress);
    }

    private static int Invoke(ParseResult result, string? spec, string? runDir, Option<int> workers, Option<int> slots, Option<LogFormat> format,
        Option<double> progress, CancellationToken cancel, bool dryRun = false)
    {
        SweepOptions options;
        try
        {
            options = new SweepOptions(spec, runDir, result.GetValue(workers), result.GetValue(slots), result.GetValue(format),
                TimeSpan.FromSeconds(result.GetValue(progress)), dryRun);
            options.Validate();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"troupe-coordinator {(spec is null ? "resume" : "run")}: {ErrorText.Of(e)}");
            return 2;
        }
        return LocalSweep.Run(options, Console.Out, Console.Error, cancel);
    }
}
