namespace Troupe.Node.Transfer;

/// <summary>A transfer of a <see cref="BlobOffer"/> that did not deliver the offered bytes; nothing was kept.</summary>
public sealed class BlobTransferException : Exception
{
    public BlobTransferException(string message) : base(message)
    {
    }

    public BlobTransferException(string message, Exception inner) : base(message, inner)
    {
    }
}
