using TorchSharp.Native;

namespace TorchSharp;

// In-place random fills on the default generator of the tensor's device.
public partial class Tensor
{
    /// <summary>Every element becomes 1 with probability <paramref name="p"/>, else 0.</summary>
    public Tensor bernoulli_(double p = 0.5) => InPlace(NativeMethods.trp_random_bernoulli_(Ptr, p));

    /// <summary>Uniform in [from, to).</summary>
    public Tensor uniform_(double from = 0, double to = 1) => InPlace(NativeMethods.trp_random_uniform_(Ptr, from, to));

    public Tensor normal_(double mean = 0, double std = 1) => InPlace(NativeMethods.trp_random_normal_(Ptr, mean, std));

    /// <summary>0/1 draws with this tensor's elements as probabilities.</summary>
    public Tensor bernoulli() => Wrap(NativeMethods.trp_random_bernoulli(Ptr));

    /// <summary>Indices sampled from each row of (unnormalized) weights.</summary>
    public Tensor multinomial(long numSamples, bool replacement = false)
        => Wrap(NativeMethods.trp_random_multinomial(Ptr, numSamples, replacement ? 1 : 0));
}
