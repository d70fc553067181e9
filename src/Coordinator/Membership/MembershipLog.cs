using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Troupe.Coordinator.Reporting;
using Troupe.Training.Learning;

namespace Troupe.Coordinator.Membership;

/// <summary>
/// The coordinator node's membership log: one line per cluster change (member up, leaving, exiting, downed, removed,
/// unreachable, reachable again), in the sweep log's format (<c>    00:03  member  up akka.ssl.tcp://troupe@h:p (worker)</c>)
/// or as a JSON line (<c>event: member</c>, <c>change</c>, <c>node</c>, <c>roles</c>).
/// </summary>
internal sealed class MembershipLog : ReceiveActor
{

    private readonly TextWriter output;
    private readonly LogFormat format;
    private readonly DateTime start;

    public MembershipLog(TextWriter output, LogFormat format, DateTime start)
    {
        this.output = output;
        this.format = format;
        this.start = start;
        Receive<MemberUp>(e => Write("up", e.Member));
        Receive<MemberLeft>(e => Write("leaving", e.Member));
        Receive<MemberExited>(e => Write("exiting", e.Member));
        Receive<MemberDowned>(e => Write("downed", e.Member));
        Receive<MemberRemoved>(e => Write("removed", e.Member));
        Receive<UnreachableMember>(e => Write("unreachable", e.Member));
        Receive<ReachableMember>(e => Write("reachable", e.Member));
    }

    public static Props Props(TextWriter output, LogFormat format, DateTime start) =>
        Akka.Actor.Props.Create(() => new MembershipLog(output, format, start));

    /// <summary>The cluster event types this log wants.</summary>
    public static Type[] Events { get; } =
        [typeof(MemberUp), typeof(MemberLeft), typeof(MemberExited), typeof(MemberDowned), typeof(MemberRemoved), typeof(UnreachableMember), typeof(ReachableMember)];

    private void Write(string change, Member member) => Write(output, format, start, change, member.Address, member.Roles, null);

    /// <summary>
    /// One membership line: <paramref name="change"/> of the node at <paramref name="address"/> with its roles, and why
    /// (<paramref name="reason"/>, e.g. the coordinator's own node ended by Akka's coordinated shutdown).
    /// </summary>
    internal static void Write(TextWriter output, LogFormat format, DateTime start, string change, Address address, IEnumerable<string> roles, string? reason)
    {
        var elapsed = DateTime.UtcNow - start;
        var names = roles.ToList();
        var roleText = names.Count == 0 ? "no role" : string.Join(",", names);
        output.WriteLine(format == LogFormat.Json
            ? Json(change, address, names, reason, elapsed)
            : $"{ProgressTable.FormatTime(elapsed.TotalSeconds),8}  member  {change} {address} ({roleText}){(reason is null ? "" : $": {reason}")}");
        output.Flush();
    }

    private static string Json(string change, Address address, IReadOnlyList<string> roles, string? reason, TimeSpan elapsed)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("elapsed", Math.Round(elapsed.TotalSeconds, 3));
            w.WriteString("event", "member");
            w.WriteString("change", change);
            w.WriteString("node", address.ToString());
            w.WriteStartArray("roles");
            foreach (var r in roles) w.WriteStringValue(r);
            w.WriteEndArray();
            if (reason is not null) w.WriteString("reason", reason);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
