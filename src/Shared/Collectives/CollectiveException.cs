namespace Troupe.Collectives;

/// <summary>
/// A rendezvous or a collective failed: a peer died or stopped answering within the group's timeout, a rank never
/// arrived, or Gloo reported an error. The message names the operation, the rank, the world size, the timeout and
/// the cause. After a failed collective the group is unusable: dispose it and form a new one.
/// </summary>
public sealed class CollectiveException : Exception
{
    public CollectiveException(string message) : base(message)
    {
    }

    public CollectiveException(string message, Exception inner) : base(message, inner)
    {
    }
}
