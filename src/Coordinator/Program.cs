using System.CommandLine;
using Troupe.Coordinator.Commands;

// troupe-coordinator: `run`/`resume` run an experiment's trials on workers; `train` trains one model locally.
var root = new RootCommand("Troupe coordinator: trains recurrent language models (fastbook chapter 12, AWD-LSTM) locally or on a cluster of workers.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RunCommand.CreateResume());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(UlmfitCommand.Create());
return await root.Parse(args).InvokeAsync();
