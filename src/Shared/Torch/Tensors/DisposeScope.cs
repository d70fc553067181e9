namespace TorchSharp;

/// <summary>
/// Frees every tensor created on this thread while it is the innermost open scope, unless the
/// tensor was moved out (<see cref="MoveToOuter(Tensor)"/>) or detached from scopes. Scopes nest;
/// disposing one closes it and any scope opened inside it that is still open.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The scope that was innermost when this one opened, or null.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>The innermost open scope of this thread, or null.</summary>
    internal static DisposeScope? Current => current;

    /// <summary>Tensors this scope will free.</summary>
    public int Count => owned.Count;

    internal void Add(Tensor tensor)
    {
        owned.Add(tensor);
        tensor.Scope = this;
    }

    internal void Remove(Tensor tensor) => owned.Remove(tensor);

    /// <summary>Hands the tensor to the enclosing scope (or to no scope) and returns it.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Scope != this)
            throw new InvalidOperationException("MoveToOuter: the tensor does not belong to this dispose scope");
        owned.Remove(tensor);
        tensor.Scope = null;
        Outer?.Add(tensor);
        return tensor;
    }

    /// <summary>Removes the tensor from every scope: its owner disposes it.</summary>
    public Tensor Detach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Scope == this)
        {
            owned.Remove(tensor);
            tensor.Scope = null;
        }
        return tensor;
    }

    public void Dispose()
    {
        if (disposed) return;
        // Close inner scopes first so their tensors are not leaked when a caller forgot one.
        while (current is not null && current != this && IsInside(current)) current.Dispose();
        disposed = true;
        if (current == this) current = Outer;
        foreach (var tensor in owned)
        {
            tensor.Scope = null;
            tensor.Dispose();
        }
        owned.Clear();
    }

    private bool IsInside(DisposeScope scope)
    {
        for (var s = scope.Outer; s is not null; s = s.Outer)
            if (s == this) return true;
        return false;
    }
}
