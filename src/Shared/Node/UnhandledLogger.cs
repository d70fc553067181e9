using Akka.Actor;
using Akka.Event;

namespace Troupe.Node;

/// <summary>
/// Logs every message an actor left unhandled (Akka publishes them on the event stream and logs them only at debug
/// level): a message no behaviour expects is a protocol error worth a warning line, never a crash.
/// </summary>
internal sealed class UnhandledLogger : ReceiveActor
{
    private readonly ILoggingAdapter log = Context.GetLogger();

    public UnhandledLogger() =>
        Receive<UnhandledMessage>(m => log.Warning("unhandled {0} from {1} to {2}", m.Message.GetType().Name, m.Sender, m.Recipient));
}
