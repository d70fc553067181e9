using Akka.Actor;

namespace Troupe.ClusterNode;

/// <summary>
/// <c>/user/relay</c>: makes this node talk to another one on a test's behalf, keeping the test as the sender, so
/// the other node's echo answers the test directly. <c>"relay N path"</c> sends the ints 1..N to <c>path</c>;
/// <c>"big N path"</c> sends one byte array of N bytes (byte i = i * 31 + 7, mod 256).
/// </summary>
public sealed class Relay : ReceiveActor
{
    public Relay()
    {
        Receive<string>(s => s.StartsWith("relay ", StringComparison.Ordinal), s =>
        {
            var (count, target) = Parse(s);
            for (var i = 1; i <= count; i++) target.Tell(i, Sender);
        });
        Receive<string>(s => s.StartsWith("big ", StringComparison.Ordinal), s =>
        {
            var (size, target) = Parse(s);
            target.Tell(Pattern(size), Sender);
        });
    }

    /// <summary>The payload of <c>"big N path"</c>.</summary>
    public static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)(i * 31 + 7);
        return bytes;
    }

    private (int Count, IActorRef Target) Parse(string command)
    {
        var parts = command.Split(' ');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var n) || n < 0)
            throw new ArgumentException($"expected '<relay|big> N path', got '{command}'");
        return (n, ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(parts[2]));
    }
}
