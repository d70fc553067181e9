using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// optim.cpp: whole-list optimizer steps (PyTorch's op sequence, one call per step).
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int trp_optim_sgd_step(IntPtr* parameters, IntPtr* buffers, long* steps, int count, double lr, double momentum, double dampening, double weightDecay, int nesterov);
    [LibraryImport(Lib)] internal static partial int trp_optim_adam_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs, long* steps, int count, double lr, double beta1, double beta2, double eps, double weightDecay, int decoupled);
    [LibraryImport(Lib)] internal static partial int trp_optim_zero_grad(IntPtr* parameters, int count, int setToNone);
}
