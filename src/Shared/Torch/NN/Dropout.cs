using static TorchSharp.torch;

namespace TorchSharp.Modules;

/// <summary>Zeroes each element with probability P during training (scaling the rest by 1/(1-P)); identity in eval mode.</summary>
public sealed class Dropout : nn.Module<Tensor, Tensor>
{
    internal Dropout(double p)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), $"Dropout: expected p in [0, 1], got {p}");
        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input) => nn.functional.dropout(input, P, Training);
}
