using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.ClusterNode;

/// <summary>
/// Prints each cluster event as one line: <c>event type=MemberUp node=akka.ssl.tcp://troupe@h:p uid=N status=Up roles=a,b t=UNIXMS</c>
/// (LeaderChanged: <c>event type=LeaderChanged node=…</c>, or <c>node=none</c>).
/// </summary>
public sealed class EventPrinter : ReceiveActor
{
    public EventPrinter()
    {
        Receive<LeaderChanged>(e => Print("LeaderChanged", e.Leader is { } l ? $"node={l}" : "node=none"));
        Receive<IMemberEvent>(e => Print(e.GetType().Name, Describe(e.Member)));
        Receive<UnreachableMember>(e => Print(nameof(UnreachableMember), Describe(e.Member)));
        Receive<ReachableMember>(e => Print(nameof(ReachableMember), Describe(e.Member)));
    }

    public static void Print(string type, string fields)
    {
        var line = $"event type={type} {fields} t={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
        lock (Console.Out) Console.Out.WriteLine(line);
    }

    private static string Describe(Member m) =>
        $"node={m.Address} uid={m.UniqueAddress.Uid} status={m.Status} roles={(m.Roles.IsEmpty ? "-" : string.Join(",", m.Roles))}";
}
