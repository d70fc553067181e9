using TorchSharp;
using Troupe.Training.Native;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>RNNRegularizer</c> (training batches only): adds activation regularization
/// <c>alpha * dropped.pow(2).mean()</c> on the output-dropped activations and temporal activation
/// regularization <c>beta * (raw[:,1:] - raw[:,:-1]).pow(2).mean()</c> on the raw ones to the loss that is
/// back-propagated. The recorded loss (train_loss) stays the plain loss, as in fastai.
/// </summary>
public sealed class RNNRegularizer : Callback
{
    public RNNRegularizer(double alpha = 2, double beta = 1)
    {
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), $"RNNRegularizer: expected alpha >= 0, got {alpha}");
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), $"RNNRegularizer: expected beta >= 0, got {beta}");
        Alpha = alpha;
        Beta = beta;
    }

    public double Alpha { get; }

    public double Beta { get; }

    /// <summary>fastai: RNNCallback.order + 1.</summary>
    public override int Order => 1;

    public override bool RunValid => false;

    public override void AfterLoss()
    {
        var learn = Learn;
        if (!learn.Training || learn.LossGrad is null) return;
        if (Alpha != 0)
        {
            var dropped = learn.Dropped ?? throw new InvalidOperationException(
                $"RNNRegularizer: expected a model that returns (output, raw, dropped) like LMModel7 or AwdLstm, got {learn.Model.GetType().Name} without dropped activations");
            using var alpha = Alpha.ToScalar();
            learn.LossGrad = learn.LossGrad.add(dropped.@float().pow(TorchScalars.Two).mean().mul(alpha), TorchScalars.One);
        }
        if (Beta != 0)
        {
            var raw = learn.Raw ?? throw new InvalidOperationException(
                $"RNNRegularizer: expected a model that returns (output, raw, dropped) like LMModel7 or AwdLstm, got {learn.Model.GetType().Name} without raw activations");
            // fastai checks len(h) > 1, i.e. more than one row.
            var sl = raw.size(1);
            if (raw.size(0) > 1 && sl > 1)
            {
                var diff = raw.slice(1, 1, sl, 1) - raw.slice(1, 0, sl - 1, 1);
                using var beta = Beta.ToScalar();
                learn.LossGrad = learn.LossGrad.add(diff.@float().pow(TorchScalars.Two).mean().mul(beta), TorchScalars.One);
            }
        }
    }
}
