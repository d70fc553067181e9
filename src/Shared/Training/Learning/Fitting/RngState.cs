using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Learning;

/// <summary>The CPU generator's state as bytes (what a checkpoint stores), over <c>torch.get_rng_state</c> / <c>set_rng_state</c>.</summary>
public static class RngState
{
    public static byte[] Get()
    {
        using var state = torch.get_rng_state();
        return state.data<byte>().ToArray();
    }

    /// <exception cref="ArgumentException">The bytes are not a CPU generator state of this libtorch.</exception>
    public static void Set(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var current = torch.get_rng_state();
        if (state.Length != current.numel())
            throw new ArgumentException($"RNG state: expected {current.numel()} bytes (libtorch's CPU generator), got {state.Length}", nameof(state));
        using var t = torch.tensor(state, dtype: ScalarType.Byte);
        torch.set_rng_state(t);
    }
}
