using TorchSharp;
using Troupe.Training.Learning;

namespace Troupe.Worker.Trials;

/// <summary>
/// libtorch's CPU generator is one per process, so trials that run side by side in one process draw from one stream
/// and their dropout masks depend on how their batches interleave. A deterministic trial therefore keeps its own
/// generator state and runs each step inside this process-wide gate: restore its state, step, save its state. Steps of
/// deterministic trials in one process thus run one at a time (the price of bit-exact results with in-process
/// workers; one worker process per slot keeps both). Model construction always runs inside the gate, so a trial's
/// initial weights depend only on its seed.
/// </summary>
internal static class TorchRng
{
    private static readonly Lock Gate = new();

    /// <summary>Seeds the generator with <paramref name="seed"/>, runs <paramref name="body"/>, and returns the generator state it left.</summary>
    public static (T Value, byte[] State) Seeded<T>(ulong seed, Func<T> body)
    {
        lock (Gate)
        {
            torch.manual_seed(unchecked((long)seed));
            var value = body();
            return (value, RngState.Get());
        }
    }

    /// <summary>
    /// Runs <paramref name="wait"/> (a collective's blocking step) outside the gate when this thread holds it, and takes
    /// the gate and the generator state back afterwards: the other ranks of the group in this process must get the
    /// gate to reach the same collective, and other trials draw meanwhile. No generator use may happen in
    /// <paramref name="wait"/>.
    /// </summary>
    public static void Outside(Action wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        if (!Gate.IsHeldByCurrentThread)
        {
            wait();
            return;
        }
        var state = RngState.Get();
        Gate.Exit();
        try
        {
            wait();
        }
        finally
        {
            Gate.Enter();
            RngState.Set(state);
        }
    }

    /// <summary>Runs <paramref name="body"/> with the generator in <paramref name="state"/>, which is updated to the state it leaves.</summary>
    public static T With<T>(ref byte[] state, Func<T> body)
    {
        lock (Gate)
        {
            RngState.Set(state);
            try
            {
                return body();
            }
            finally
            {
                state = RngState.Get();
            }
        }
    }
}
