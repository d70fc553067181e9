namespace TorchSharp;

/// <summary>
/// The native handles of a list of tensors, each kept alive (SafeHandle add-ref) until disposed, so
/// no tensor can be released while a native call reads it.
/// </summary>
internal sealed class TensorHandleLease : IDisposable
{
    private readonly Tensor[] tensors;
    private int leased;

    public TensorHandleLease(IReadOnlyList<Tensor> list, string call)
    {
        ArgumentNullException.ThrowIfNull(list);
        tensors = new Tensor[list.Count];
        Pointers = new IntPtr[list.Count];
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                var tensor = list[i] ?? throw new ArgumentException($"{call}: expected a tensor at index {i}, got null", nameof(list));
                _ = tensor.Ptr; // ObjectDisposedException with Tensor's own message
                var added = false;
                tensor.DangerousAddRef(ref added);
                tensors[leased++] = tensor;
                Pointers[i] = tensor.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One native handle per tensor, in list order.</summary>
    public IntPtr[] Pointers { get; }

    public void Dispose()
    {
        for (var i = 0; i < leased; i++) tensors[i].DangerousRelease();
        leased = 0;
    }
}
