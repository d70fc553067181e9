namespace Troupe.Actors;

// Lifecycle and supervision messages between a parent and its children in one process. They never
// cross a node boundary (no remote deployment), so they stay internal.

/// <summary>Creates the actor instance and runs PreStart.</summary>
internal sealed class Create : ISystemMessage
{
    public static readonly Create Instance = new();
    private Create() { }
}

/// <summary>The parent decided to restart this actor after <see cref="Cause"/>.</summary>
internal sealed record Recreate(Exception Cause) : ISystemMessage;

/// <summary>Stop processing user messages (nested: counted).</summary>
internal sealed class Suspend : ISystemMessage
{
    public static readonly Suspend Instance = new();
    private Suspend() { }
}

/// <summary>Undo one <see cref="Suspend"/>; <see cref="CausedByFailure"/> is set when it ends a failure.</summary>
internal sealed record Resume(Exception? CausedByFailure) : ISystemMessage;

/// <summary>Stop children, then run PostStop and die.</summary>
internal sealed class Terminate : ISystemMessage
{
    public static readonly Terminate Instance = new();
    private Terminate() { }
}

/// <summary>A child reports a failure to its parent; <see cref="Uid"/> identifies the incarnation.</summary>
internal sealed record Failed(IActorRef Child, Exception Cause, long Uid) : ISystemMessage;

/// <summary>Runs a continuation of a <c>ReceiveAsync</c> handler inside the actor.</summary>
internal sealed record RunContinuation(SendOrPostCallback Callback, object? State, int Incarnation) : ISystemMessage;

/// <summary>The task returned by a <c>ReceiveAsync</c> handler finished.</summary>
internal sealed record AsyncHandlerCompleted(Task Task, int Incarnation) : ISystemMessage;
