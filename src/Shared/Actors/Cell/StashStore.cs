namespace Troupe.Actors;

/// <summary>The stash of one actor (see <see cref="IStash"/>).</summary>
internal sealed class StashStore(ActorCell cell) : IStash
{
    private readonly List<Envelope> items = new();
    private long lastStashedSerial = -1;

    public int Count => items.Count;

    public void Stash()
    {
        if (cell.CurrentMessage is not { } message)
            throw new IllegalActorStateException($"expected Stash() while {cell.SelfRef.Path} processes a message, got no current message");
        if (lastStashedSerial == cell.MessageSerial)
            throw new IllegalActorStateException($"expected each message to be stashed once, got a second Stash() of {message.GetType().Name}");
        lastStashedSerial = cell.MessageSerial;
        items.Add(new Envelope(message, cell.CurrentSender));
    }

    public void Unstash()
    {
        if (items.Count == 0) return;
        var first = items[0];
        items.RemoveAt(0);
        cell.Mailbox.Prepend([first]);
    }

    public void UnstashAll()
    {
        if (items.Count == 0) return;
        cell.Mailbox.Prepend(items.ToArray());
        items.Clear();
    }

    public IReadOnlyList<object> ClearStash()
    {
        var dropped = items.Select(e => e.Message).ToList();
        items.Clear();
        return dropped;
    }

    internal void UnstashAllForRestart() => UnstashAll();

    internal void DiscardToDeadLetters()
    {
        foreach (var e in items)
            cell.System.DeadLetters.Tell(new DeadLetter(e.Message, e.Sender ?? cell.System.DeadLetters, cell.Self), e.Sender);
        items.Clear();
    }
}
