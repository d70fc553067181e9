using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

// One chapter-12 model trained with the book's recipe (fit_one_cycle, its epochs and lr; wd 0.1 and AR/TAR for
// LMModel7), one intra-op thread, seed 42. Usage:
//   Troupe.Training.Bench write-data <folder>     writes Human Numbers' train.txt/valid.txt for book_models.py
//   Troupe.Training.Bench <model> [epochs]        prints: troupe <model> <epochs> <fit s> <train tok/s> <cpu s> <accuracy>
// book_models.py prints the same line for PyTorch.
if (args.Length >= 2 && args[0] == "write-data")
{
    HumanNumbers.WriteFiles(args[1]);
    return 0;
}
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Troupe.Training.Bench <model> [epochs] | write-data <folder>");
    return 2;
}
var def = ModelRegistry.Get(args[0]);
var epochs = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : def.Recipe.Epochs;
torch.set_num_threads(1);
var dls = HumanNumbers.Load().LoadersFor(def.Layout);
torch.manual_seed(42);
using var model = ModelRegistry.Create(def.Name, dls.Vocab);
using var learn = TextLearner.Create(dls, model, def.Recipe.Alpha, def.Recipe.Beta);
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var rows = learn.FitOneCycle(epochs, def.Recipe.Lr, def.Recipe.Wd);
var seconds = clock.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
var tokens = rows.Sum(r => r.TrainTokens);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"troupe {def.Name} {epochs} {seconds:F2} {tokens / seconds:F0} {cpuSeconds:F2} {rows[^1].Metric("accuracy"):F4}"));
return 0;
