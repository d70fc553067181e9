using System.CommandLine;
using Troupe.Coordinator.Commands;

// troupe-coordinator: `train` runs one model locally; experiments on the cluster come with `run`/`resume`.
var root = new RootCommand("Troupe coordinator: trains recurrent language models (fastbook chapter 12, AWD-LSTM) locally or on a cluster of workers.");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(UlmfitCommand.Create());
return root.Parse(args).Invoke();
