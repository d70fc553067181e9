namespace TorchSharp.Modules;

/// <summary>
/// A tensor registered as a module parameter: a leaf that requires grad (unless told otherwise),
/// owned by its module (never by a dispose scope) and freed by the module's Dispose.
/// </summary>
public sealed class Parameter : Tensor
{
    internal Parameter(IntPtr handle) : base(handle, scoped: false)
    {
    }
}
