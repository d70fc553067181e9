namespace Troupe.Actors;

/// <summary>Why a cell waits for its stopping children: what it does once the last one is gone.</summary>
internal abstract record ChildrenReason
{
    /// <summary>Only children stopped on request: nothing to do afterwards.</summary>
    public sealed record UserRequest : ChildrenReason
    {
        public static readonly UserRequest Instance = new();
    }

    /// <summary>Restart after the children the old instance stopped are gone.</summary>
    public sealed record Recreation(Exception Cause) : ChildrenReason;

    /// <summary>Create again after a failed creation.</summary>
    public sealed record Creation(Exception Cause) : ChildrenReason;

    /// <summary>Stop this actor after its children.</summary>
    public sealed record Termination : ChildrenReason
    {
        public static readonly Termination Instance = new();
    }
}
