namespace Troupe.Actors;

/// <summary>The receive-timeout timer fired; the cell decides whether the actor was idle long enough.</summary>
internal sealed class ReceiveTimeoutTick : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeoutTick Instance = new();
    private ReceiveTimeoutTick() { }
}
