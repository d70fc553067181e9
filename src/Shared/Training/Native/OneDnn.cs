using System.Runtime.InteropServices;

namespace Troupe.Training.Native;

/// <summary>
/// Turns libtorch's oneDNN (mkldnn) kernels off, once per process. libtorch 2.10 (libtorch-cpu-linux-x64) runs
/// <c>nn.LSTM</c> without autograd (no_grad, inference mode: validation, generation) through oneDNN's inference LSTM,
/// which here returned other outputs than the grad-mode kernel (0.07-0.34 off; PyTorch 1.13.1 and a float64
/// reference agree with the grad-mode result). TorchSharp exposes no switch, so this calls libtorch's
/// <c>at::globalContext().setUserEnabledMkldnn(false)</c> (what <c>torch.backends.mkldnn.enabled = False</c> does).
/// Troupe's models use no convolution, the other user of oneDNN on CPU.
/// </summary>
internal static partial class OneDnn
{
    private static readonly Lazy<bool> Disabled = new(Disable);

    /// <summary>True once oneDNN is off; false where this libtorch has no such switch (then nothing changed).</summary>
    public static bool EnsureDisabled() => Disabled.Value;

    private static bool Disable()
    {
        try
        {
            var context = GlobalContext();
            SetUserEnabledMkldnn(context, false);
            return !UserEnabledMkldnn(context);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libtorch_cpu.so", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport("libtorch_cpu.so", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport("libtorch_cpu.so", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool UserEnabledMkldnn(IntPtr context);
}
