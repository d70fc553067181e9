using TorchSharp;

namespace Troupe.Training.Native;

/// <summary>
/// Scalars that live as long as the process, for the libtorch calls that take one. A <see cref="Scalar"/> owns a
/// native handle and frees it in its finalizer; TorchSharp reads the handle and then calls native code, so a Scalar
/// nothing holds (an implicit conversion such as <c>t.pow(2)</c>, the alpha of 1 that <c>t1 + t2</c> and a
/// one-argument <c>add</c> make inside TorchSharp, an operator with a number) can be finalized by a collection on
/// another thread during that call, and libtorch reads freed memory (seen: <c>Expected false to be true</c> from
/// <c>Scalar::toFloat</c> in <c>add_Tensor</c>, failing a trial at random). These are never collected; a value known
/// only at run time is held by a <c>using var</c> local for its call. tests/Training/Native/TorchScalarLifetimeSpecs
/// scans the sources for any other kind.
/// </summary>
internal static class TorchScalars
{
    public static Scalar Zero { get; } = 0.ToScalar();

    public static Scalar One { get; } = 1.ToScalar();

    public static Scalar Two { get; } = 2.ToScalar();

    public static Scalar NegativeInfinity { get; } = float.NegativeInfinity.ToScalar();
}
