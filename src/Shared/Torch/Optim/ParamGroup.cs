namespace TorchSharp.Modules;

/// <summary>
/// Parameters that share hyperparameters (discriminative learning rates use one group per layer
/// group). Options left null take the optimizer's defaults when the group joins an optimizer; all
/// of them may be changed between steps (schedulers do). Options an optimizer does not use are ignored.
/// </summary>
public sealed class ParamGroup
{
    private readonly double? lr, momentum, dampening, beta1, beta2, eps, weightDecay;
    private readonly bool? nesterov;

    public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? momentum = null, double? dampening = null,
        bool? nesterov = null, double? beta1 = null, double? beta2 = null, double? eps = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        for (var i = 0; i < Parameters.Count; i++)
            if (Parameters[i] is null) throw new ArgumentException($"expected a parameter at index {i}, got null", nameof(parameters));
        (this.lr, this.momentum, this.dampening, this.nesterov) = (lr, momentum, dampening, nesterov);
        (this.beta1, this.beta2, this.eps, this.weightDecay) = (beta1, beta2, eps, weightDecay);
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    public double LearningRate { get; set; }

    /// <summary>SGD momentum factor.</summary>
    public double Momentum { get; set; }

    /// <summary>SGD dampening of the momentum update.</summary>
    public double Dampening { get; set; }

    public bool Nesterov { get; set; }

    /// <summary>Adam's first-moment decay (what one-cycle schedules as "momentum").</summary>
    public double Beta1 { get; set; }

    public double Beta2 { get; set; }

    public double Eps { get; set; }

    /// <summary>L2 penalty (SGD, Adam) or decoupled decay (AdamW).</summary>
    public double WeightDecay { get; set; }

    /// <summary>Updates of each parameter (index as in <see cref="Parameters"/>).</summary>
    internal long[] Steps { get; private set; } = [];

    /// <summary>Optimizer state: [state kind][parameter], allocated on the first step.</summary>
    internal Tensor?[][] State { get; private set; } = [];

    internal bool Bound { get; private set; }

    internal void Bind(ParamGroup defaults, int stateKinds)
    {
        if (Bound) throw new InvalidOperationException("a parameter group belongs to one optimizer only");
        LearningRate = lr ?? defaults.lr ?? 0;
        Momentum = momentum ?? defaults.momentum ?? 0;
        Dampening = dampening ?? defaults.dampening ?? 0;
        Nesterov = nesterov ?? defaults.nesterov ?? false;
        Beta1 = beta1 ?? defaults.beta1 ?? 0;
        Beta2 = beta2 ?? defaults.beta2 ?? 0;
        Eps = eps ?? defaults.eps ?? 0;
        WeightDecay = weightDecay ?? defaults.weightDecay ?? 0;
        Steps = new long[Parameters.Count];
        State = Enumerable.Range(0, stateKinds).Select(_ => new Tensor?[Parameters.Count]).ToArray();
        Bound = true;
    }
}
