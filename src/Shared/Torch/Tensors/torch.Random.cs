using TorchSharp.Native;

namespace TorchSharp;

// Seeding, generator state and random factories. Draws consume the default generator exactly as
// the same PyTorch calls do: a seeded sequence reproduces PyTorch's numbers bitwise.
public static partial class torch
{
    /// <summary>Seeds the CPU generator and every CUDA generator (<c>torch.manual_seed</c>).</summary>
    public static void manual_seed(long seed) => NativeError.Check(NativeMethods.trp_random_manual_seed(unchecked((ulong)seed)));

    /// <summary>The seed the CPU generator was last seeded with.</summary>
    public static long initial_seed() => NativeError.Check(NativeMethods.trp_random_initial_seed());

    /// <summary>The CPU generator's state (what <c>torch.get_rng_state()</c> holds), to resume a run exactly.</summary>
    public static unsafe byte[] get_rng_state()
    {
        var size = NativeError.Check(NativeMethods.trp_random_get_state(null, 0));
        var state = new byte[size];
        fixed (byte* p = state) NativeError.Check(NativeMethods.trp_random_get_state(p, size));
        return state;
    }

    /// <summary>Restores a state taken by <see cref="get_rng_state"/>.</summary>
    public static unsafe void set_rng_state(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        fixed (byte* p = state) NativeError.Check(NativeMethods.trp_random_set_state(p, state.Length));
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static unsafe Tensor rand(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        fixed (long* s = size) return Tensor.From(NativeMethods.trp_random_rand(s, size.Length, DType(dtype), (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    /// <summary>Standard normal.</summary>
    public static unsafe Tensor randn(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? Device.CPU;
        fixed (long* s = size) return Tensor.From(NativeMethods.trp_random_randn(s, size.Length, DType(dtype), (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    /// <summary>Integers uniform in [low, high) (int64 unless dtype says otherwise).</summary>
    public static unsafe Tensor randint(long low, long high, ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        var t = (int)(dtype ?? ScalarType.Int64);
        fixed (long* s = size) return Tensor.From(NativeMethods.trp_random_randint(low, high, s, size.Length, t, (int)d.Type, d.Index));
    }

    public static Tensor randint(long high, ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null)
        => randint(0, high, size, dtype, device);

    /// <summary>A random permutation of 0..n-1 (int64 unless dtype says otherwise).</summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.trp_random_randperm(n, (int)(dtype ?? ScalarType.Int64), (int)d.Type, d.Index));
    }

    public static Tensor bernoulli(Tensor p) => p.bernoulli();

    public static Tensor multinomial(Tensor probs, long numSamples, bool replacement = false) => probs.multinomial(numSamples, replacement);
}
