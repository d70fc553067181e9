namespace Troupe.Actors;

/// <summary>An ask got no reply within its timeout, or its target was already terminated.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string message) : base(message) { }
}
