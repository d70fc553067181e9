using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Tests.Support;

/// <summary>Small trials on Human Numbers (49 training batches of 64 × 16 tokens per epoch) and noop trials.</summary>
public static class TestTrials
{
    public static TrialAssignment Assignment(string model, IReadOnlyDictionary<string, double> parameters, int epochs, bool deterministic = false, string id = "trial-0000") =>
        new(id, model, parameters, new DataSpec(DataKind.HumanNumbers), null, 0, epochs, 64, 16, LrSchedule.OneCycle, 42, deterministic, 1);

    /// <summary>LMModel7 with one small layer: dropout, so determinism is exercised.</summary>
    public static TrialAssignment SmallLstm(int epochs, bool deterministic = true) =>
        Assignment("lmmodel7", new Dictionary<string, double> { ["n_hidden"] = 16, ["n_layers"] = 1, ["p"] = 0.3, ["lr"] = 1e-2 }, epochs, deterministic);

    public static TrialAssignment Noop(int epochs, double seconds = 0) =>
        Assignment("noop", new Dictionary<string, double> { ["seconds"] = seconds }, epochs);

    public static FencingToken Fence(int attempt = 1, string trial = "trial-0000") => new(trial, attempt);
}
