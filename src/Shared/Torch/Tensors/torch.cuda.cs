using TorchSharp.Native;

namespace TorchSharp;

public static partial class torch
{
    /// <summary><c>torch.cuda</c>: device discovery. With a CPU-only libtorch no device is available.</summary>
    public static class cuda
    {
        public static bool is_available() => NativeError.Check(NativeMethods.trp_cuda_is_available()) == 1;

        public static int device_count() => NativeError.Check(NativeMethods.trp_cuda_device_count());

        /// <summary>Seeds every CUDA generator (a no-op without CUDA).</summary>
        public static void manual_seed_all(long seed) => NativeError.Check(NativeMethods.trp_cuda_manual_seed_all(unchecked((ulong)seed)));

        /// <summary>Waits for the work queued on a device (-1: the current one); fails without CUDA.</summary>
        public static void synchronize(int device = -1) => NativeError.Check(NativeMethods.trp_cuda_synchronize(device));
    }
}
