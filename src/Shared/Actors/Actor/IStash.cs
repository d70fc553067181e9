namespace Troupe.Actors;

/// <summary>
/// Keeps messages the actor cannot handle yet. <see cref="UnstashAll"/> puts them back in front of
/// the mailbox in their original order. On restart stashed messages are unstashed; on stop they go
/// to dead letters.
/// </summary>
public interface IStash
{
    /// <summary>Stashes the message being processed (at most once per message).</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message, oldest first, to the front of the mailbox.</summary>
    void UnstashAll();

    /// <summary>Drops the stash and returns the dropped messages.</summary>
    IReadOnlyList<object> ClearStash();

    int Count { get; }
}
