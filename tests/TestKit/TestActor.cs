using Troupe.Actors;

namespace Troupe.TestKit;

/// <summary>Puts every message it receives (including <see cref="Terminated"/>) into its kit's queue.</summary>
internal sealed class TestActor(MessageQueue queue) : UntypedActor
{
    internal sealed record WatchCommand(IActorRef Subject);

    internal sealed record UnwatchCommand(IActorRef Subject);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WatchCommand w:
                Context.Watch(w.Subject);
                break;
            case UnwatchCommand u:
                Context.Unwatch(u.Subject);
                break;
            default:
                queue.Enqueue(new ReceivedMessage(message, Sender));
                break;
        }
    }
}
