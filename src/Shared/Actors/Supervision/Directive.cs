namespace Troupe.Actors;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; the failed message is dropped.</summary>
    Resume,
    /// <summary>Replace the actor instance (new state), keep its ref and its mailbox; the failed message is dropped.</summary>
    Restart,
    /// <summary>Stop the actor.</summary>
    Stop,
    /// <summary>Fail the supervisor itself with the same exception, for its own supervisor to decide.</summary>
    Escalate,
}
