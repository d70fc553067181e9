using System.CommandLine;
using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// <c>troupe-coordinator run SPEC</c> and <c>troupe-coordinator resume RUN_DIR</c>: a sweep on an embedded local
/// cluster (<c>--local-workers N</c>), or, with <c>--listen HOST:PORT</c>, on a real one whose workers join through
/// this node (see <see cref="LocalSweep"/> and <see cref="ClusterOptions"/>). Ctrl+C stops it; <c>resume</c> continues it.
/// Options also come from TROUPE_SPEC, TROUPE_RUN_DIR, TROUPE_LOG_FORMAT, TROUPE_SLOTS (flags win).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string?>("spec")
        {
            Description = "Experiment spec (YAML), e.g. experiments/human-numbers.yaml (default: TROUPE_SPEC).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => Env("TROUPE_SPEC"),
        };
        var runDir = new Option<string?>("--run-dir")
        {
            Description = "Run directory (default TROUPE_RUN_DIR, else runs/NAME-TIMESTAMP); an existing one is resumed.",
            DefaultValueFactory = _ => Env("TROUPE_RUN_DIR"),
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the spec and list its trials; run nothing." };
        var command = new Command("run", "Run an experiment's trials on in-process workers or on a cluster (--listen), journaled in the run directory.") { spec, runDir, dryRun };
        var common = AddCommon(command);
        command.SetAction((result, cancel) => Task.FromResult(Invoke(result, "run", result.GetValue(spec), result.GetValue(runDir), common, cancel, result.GetValue(dryRun))));
        return command;
    }

    public static Command CreateResume()
    {
        var runDir = new Argument<string?>("run-dir")
        {
            Description = "The run directory of an interrupted sweep (it holds journal.db; default: TROUPE_RUN_DIR).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => Env("TROUPE_RUN_DIR"),
        };
        var command = new Command("resume", "Continue an interrupted sweep: finished trials never run again; running ones restart from their last checkpoint.") { runDir };
        var common = AddCommon(command);
        command.SetAction((result, cancel) => Task.FromResult(Invoke(result, "resume", null, result.GetValue(runDir), common, cancel)));
        return command;
    }

    internal static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private sealed record Common(Option<int?> Workers, Option<int> Slots, Option<string> Format, Option<double> Progress, ClusterOptions Cluster);

    private static Common AddCommon(Command command)
    {
        var workers = new Option<int?>("--local-workers") { Description = "In-process workers (default 2; 0 with --listen)." };
        var slots = new Option<int>("--slots")
        {
            Description = "Slots per local worker (a slot runs one trial with one intra-op thread).",
            DefaultValueFactory = _ => int.TryParse(Env("TROUPE_SLOTS"), out var n) ? n : 1,
        };
        var format = new Option<string>("--log-format")
        {
            Description = "auto: a live table of trials and a progress bar when stdout is an interactive terminal (not redirected, TERM not dumb, "
                + "not in a container or on CI), else text; live: that table on any terminal; text (or plain): fastai rows and one line per event; "
                + "json: JSON lines (default: TROUPE_LOG_FORMAT, else auto).",
            HelpName = "auto|live|plain|text|json",
            DefaultValueFactory = _ => Env("TROUPE_LOG_FORMAT") ?? "auto",
        };
        var progress = new Option<double>("--progress-every") { Description = "Seconds between progress lines (0: none).", DefaultValueFactory = _ => 10 };
        command.Options.Add(workers);
        command.Options.Add(slots);
        command.Options.Add(format);
        command.Options.Add(progress);
        return new Common(workers, slots, format, progress, ClusterOptions.AddTo(command));
    }

    private static int Invoke(ParseResult result, string name, string? spec, string? runDir, Common o, CancellationToken cancel, bool dryRun = false)
    {
        SweepOptions options;
        try
        {
            if (name == "run" && spec is null) throw new ArgumentException("expected a spec (argument or TROUPE_SPEC), got none");
            if (name == "resume" && runDir is null) throw new ArgumentException("expected a run directory (argument or TROUPE_RUN_DIR), got none");
            var cluster = o.Cluster.Read(result);
            var format = LogFormatChoice.Resolve(result.GetValue(o.Format), TerminalFacts.Detect());
            options = new SweepOptions(spec, runDir, result.GetValue(o.Workers) ?? (cluster is null ? 2 : 0), result.GetValue(o.Slots), format,
                TimeSpan.FromSeconds(result.GetValue(o.Progress)), dryRun, cluster, o.Cluster.MinWorkers(result));
            options.Validate();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"troupe-coordinator {name}: {ErrorText.Of(e)}");
            return 2;
        }
        return LocalSweep.Run(options, Console.Out, Console.Error, cancel);
    }
}
