using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Troupe.Node.Tests.Support;

/// <summary>
/// Hosts with their own addresses on this machine: one network namespace per node, each joined to one bridge by a
/// veth pair (10.213.X.i+1/24). <see cref="Isolate"/> takes a node's link down (its packets vanish, as in a real
/// partition); <see cref="Heal"/> brings it back. Needs root; disposing removes everything it created.
/// </summary>
public sealed partial class NetworkNamespaces : IDisposable
{
    private readonly string _id = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..4];
    private readonly List<string> _namespaces = [];
    private readonly int _subnet = Random.Shared.Next(1, 250);
    private string Bridge => $"tb{_id}";

    private NetworkNamespaces() { }

    /// <summary>Why these tests cannot run here (not root, or ip netns not working), or null when they can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (GetEuid() != 0) return "network namespace tests need root (ip netns); run as root to include them";
        var probe = $"trp-probe-{Environment.ProcessId}";
        var (code, output) = Ip($"netns add {probe}");
        if (code != 0) return $"ip netns does not work here: {output.Trim()}";
        Ip($"netns del {probe}");
        return null;
    }

    public static NetworkNamespaces Create(int count)
    {
        var net = new NetworkNamespaces();
        try
        {
            net.Run($"link add {net.Bridge} type bridge");
            net.Run($"link set {net.Bridge} up");
            for (var i = 0; i < count; i++)
            {
                var ns = net.Namespace(i);
                net.Run($"netns add {ns}");
                net._namespaces.Add(ns);
                net.Run($"link add th{net._id}{i} type veth peer name tn{net._id}{i}");
                net.Run($"link set tn{net._id}{i} netns {ns}");
                net.Run($"link set th{net._id}{i} master {net.Bridge}");
                net.Run($"link set th{net._id}{i} up");
                net.Run($"-n {ns} addr add {net.Address(i)}/24 dev tn{net._id}{i}");
                net.Run($"-n {ns} link set tn{net._id}{i} up");
                net.Run($"-n {ns} link set lo up");
            }
            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    public string Namespace(int node) => $"trp-{_id}-{node}";

    public string Address(int node) => $"10.213.{_subnet}.{node + 1}";

    /// <summary>Cuts node <paramref name="node"/> off: its link to the bridge goes down.</summary>
    public void Isolate(int node) => Run($"link set th{_id}{node} down");

    public void Heal(int node) => Run($"link set th{_id}{node} up");

    public void Dispose()
    {
        foreach (var ns in _namespaces) Ip($"netns del {ns}");   // deletes the veth pairs with them
        Ip($"link del {Bridge}");
    }

    private void Run(string arguments)
    {
        var (code, output) = Ip(arguments);
        if (code != 0) throw new InvalidOperationException($"ip {arguments} failed ({code}): {output.Trim()}");
    }

    private static (int Code, string Output) Ip(string arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments.Split(' ')) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return (-1, $"ip {arguments} did not finish within 10 s");
            }
            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"cannot run ip: {e.Message}");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
