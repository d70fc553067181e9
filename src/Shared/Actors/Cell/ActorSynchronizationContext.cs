namespace Troupe.Actors;

/// <summary>
/// Installed while a <c>ReceiveAsync</c> handler runs: <c>await</c> posts its continuation here, and
/// the continuation runs as a system message of the actor, with the actor's context (Self, Sender)
/// restored, never concurrently with another message. <c>ConfigureAwait(false)</c> opts out.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.PostContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (ActorCell.Current == cell) d(state);
        else throw new NotSupportedException($"expected Send on the thread running {cell.SelfRef.Path}, got another thread: use Post");
    }

    public override SynchronizationContext CreateCopy() => this;
}
