using System.Globalization;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Transfer;

namespace Troupe.Training.Experiments;

/// <summary>
/// What one trial trains, resolved from a model name and a flat set of parameters (a trial's sampled values, or
/// a CLI's flags): the Learner-level ones (<c>lr</c>, <c>wd</c>, <c>alpha</c>, <c>beta</c>; defaults from the
/// book's recipe for the model) and the model's own hyperparameters (the rest; unknown names are refused).
/// </summary>
public sealed record TrialRecipe(string Model, Hyperparameters ModelParams, double Lr, double? Wd, double Alpha, double Beta)
{
    /// <summary>The parameter names the Learner takes; every other name goes to the model.</summary>
    public static IReadOnlyList<string> LearnerParams { get; } = ["lr", "wd", "alpha", "beta"];

    /// <exception cref="ArgumentException">unknown model, unknown hyperparameter, or an out-of-range value.</exception>
    public static TrialRecipe Resolve(string model, IReadOnlyDictionary<string, double>? parameters = null)
    {
        var def = ModelRegistry.Get(model);
        var p = parameters ?? new Dictionary<string, double>();
        double Get(string name, double fallback) => p.TryGetValue(name, out var v) ? v : fallback;
        var lr = Get("lr", def.Recipe.Lr);
        if (!(lr > 0) || double.IsInfinity(lr)) throw new ArgumentException($"trial: expected lr > 0, got {lr.ToString(CultureInfo.InvariantCulture)}");
        double? wd = p.TryGetValue("wd", out var w) ? w : def.Recipe.Wd;
        if (wd is < 0) throw new ArgumentException($"trial: expected wd >= 0, got {wd.Value.ToString(CultureInfo.InvariantCulture)}");
        var alpha = Get("alpha", def.Recipe.Alpha);
        var beta = Get("beta", def.Recipe.Beta);
        if (!(alpha >= 0) || !(beta >= 0)) throw new ArgumentException($"trial: expected alpha >= 0 and beta >= 0, got {alpha} and {beta}");
        var modelParams = p.Where(kv => !LearnerParams.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new TrialRecipe(def.Name, ModelRegistry.Resolve(def.Name, modelParams), lr, wd, alpha, beta);
    }

    public ModelDefinition Definition => ModelRegistry.Get(Model);

    /// <summary>
    /// The fit as phases: one fit over every group, or with <see cref="UnfreezeKind.Gradual"/> ULMFiT's phases for the
    /// model (<see cref="GradualUnfreezing"/>: a language model's or a classifier's, by its <see cref="ModelCapabilities.Kind"/>),
    /// which together train <paramref name="epochs"/>.
    /// </summary>
    /// <exception cref="ArgumentException">gradual unfreezing of a model without layer groups (<see cref="ModelCapabilities.LayerGroups"/>), a constant schedule, or too few epochs.</exception>
    public IReadOnlyList<FitPhase> Phases(int epochs, LrSchedule schedule = LrSchedule.OneCycle, UnfreezeKind unfreeze = UnfreezeKind.None)
    {
        if (unfreeze == UnfreezeKind.None) return [new FitPhase(null, Plan(epochs, schedule))];
        if (schedule != LrSchedule.OneCycle) throw new ArgumentException("train.unfreeze: expected schedule one-cycle for gradual unfreezing, got constant");
        var can = Definition.Capabilities;
        if (!can.LayerGroups)
            throw new ArgumentException($"train.unfreeze: expected {ModelRegistry.NamesWhere(c => c.LayerGroups)} for gradual unfreezing (models with layer groups), got {Model}");
        return can.Kind == ModelKind.Classifier ? GradualUnfreezing.Classifier(epochs, Lr, Wd) : GradualUnfreezing.LanguageModel(epochs, Lr, Wd);
    }

    /// <summary>The fit: fit_one_cycle or constant-lr fit over <paramref name="epochs"/>.</summary>
    public FitPlan Plan(int epochs, LrSchedule schedule = LrSchedule.OneCycle) => schedule == LrSchedule.OneCycle
        ? FitPlan.FitOneCycle(epochs, Lr, Wd)
        : FitPlan.Fit(epochs, Lr, Wd);
}
