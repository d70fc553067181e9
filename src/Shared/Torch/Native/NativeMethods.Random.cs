using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// random.cpp: seeding, CPU generator state, random draws.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int trp_random_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial long trp_random_initial_seed();
    [LibraryImport(Lib)] internal static partial long trp_random_get_state(byte* output, long capacity);
    [LibraryImport(Lib)] internal static partial int trp_random_set_state(byte* data, long size);
    [LibraryImport(Lib)] internal static partial IntPtr trp_random_rand(long* shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_random_randn(long* shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr trp_random_randint(long low, long high, long* shape, int n, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial IntPtr trp_random_randperm(long n, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial IntPtr trp_random_bernoulli(IntPtr p);
    [LibraryImport(Lib)] internal static partial int trp_random_bernoulli_(IntPtr a, double p);
    [LibraryImport(Lib)] internal static partial int trp_random_uniform_(IntPtr a, double from, double to);
    [LibraryImport(Lib)] internal static partial int trp_random_normal_(IntPtr a, double mean, double std);
    [LibraryImport(Lib)] internal static partial IntPtr trp_random_multinomial(IntPtr probs, long numSamples, int replacement);
}
