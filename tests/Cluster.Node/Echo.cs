using Akka.Actor;

namespace Troupe.ClusterNode;

/// <summary><c>/user/echo</c>: answers every message with itself.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}
