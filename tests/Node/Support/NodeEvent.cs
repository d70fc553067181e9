using System.Globalization;

namespace Troupe.Node.Tests.Support;

/// <summary>One "event type=… node=akka.ssl.tcp://troupe@host:port uid=… status=… t=…" line of a node process.</summary>
public sealed record NodeEvent(string Type, string Node, int Port, long Uid, string? Status, long Time)
{
    public static NodeEvent? TryParse(string line)
    {
        if (!line.StartsWith("event ", StringComparison.Ordinal)) return null;
        var type = NodeProcess.Field(line, "type");
        var node = NodeProcess.Field(line, "node");
        var time = NodeProcess.Field(line, "t");
        var uid = NodeProcess.Field(line, "uid");
        // LeaderChanged names an address without an incarnation: not a member event.
        if (type is null || node is null || time is null || uid is null || node == "none") return null;
        var port = int.Parse(node[(node.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        return new NodeEvent(type, node, port, long.Parse(uid, CultureInfo.InvariantCulture), NodeProcess.Field(line, "status"), long.Parse(time, CultureInfo.InvariantCulture));
    }
}
