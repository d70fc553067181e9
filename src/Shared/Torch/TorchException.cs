namespace TorchSharp;

/// <summary>
/// An error raised by libtorch (bad shape, wrong dtype, autograd misuse, collective timeout...).
/// <see cref="Call"/> names the native function that failed; the message is libtorch's own.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string call, string nativeMessage)
        : base($"{call}: {nativeMessage}")
    {
        Call = call;
        NativeMessage = nativeMessage;
    }

    /// <summary>The native entry point (<c>trp_&lt;area&gt;_&lt;op&gt;</c>) that reported the error.</summary>
    public string Call { get; }

    /// <summary>libtorch's message, without the call prefix.</summary>
    public string NativeMessage { get; }
}
