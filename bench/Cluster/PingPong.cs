using Akka.Actor;
using System.Diagnostics;

namespace Troupe.Bench.Cluster;

/// <summary>
/// Akka.NET's RemotePingPong: each of N client actors keeps <c>inFlight</c> messages travelling to its own echo
/// actor in the other process and sends a new one for every reply, until it got <c>perClient</c> replies.
/// Messages/s counts both directions (each round trip is two messages on the wire), as Akka's benchmark does.
/// </summary>
public static class PingPong
{
    public static double Round(ActorSystem system, string server, int clients, int perClient, int inFlight)
    {
        var done = new CountdownEvent(clients);
        var echoes = Enumerable.Range(0, clients).Select(i => Nodes.Resolve(system, $"{server}/user/echo{i}")).ToList();
        var actors = echoes.Select(e => system.ActorOf(Props.Create(() => new Client(e, perClient, inFlight, done)))).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var a in actors) a.Tell(Start.Instance, ActorRefs.NoSender);
        if (!done.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException($"ping-pong with {clients} clients did not finish within 2 minutes");
        var elapsed = clock.Elapsed.TotalSeconds;
        foreach (var a in actors) system.Stop(a);
        return 2.0 * clients * perClient / elapsed;
    }

    /// <summary>Round-trip times (µs, sorted) of <paramref name="count"/> sequential messages: one client, one in flight.</summary>
    public static double[] Latency(ActorSystem system, string server, int count)
    {
        var echo = Nodes.Resolve(system, $"{server}/user/echo0");
        var samples = new double[count];
        var done = new ManualResetEventSlim();
        system.ActorOf(Props.Create(() => new Timer(echo, samples, done)));
        if (!done.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException($"{count} round trips did not finish within 2 minutes");
        Array.Sort(samples);
        return samples;
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p / 100 * sorted.Length))];

    public sealed record Start
    {
        public static readonly Start Instance = new();
    }

    private sealed class Client : ReceiveActor
    {
        public Client(IActorRef echo, int total, int inFlight, CountdownEvent done)
        {
            var sent = 0;
            var received = 0;
            Receive<Start>(_ =>
            {
                for (; sent < Math.Min(inFlight, total); sent++) echo.Tell(sent, Self);
            });
            Receive<int>(_ =>
            {
                if (++received == total) done.Signal();
                else if (sent < total) echo.Tell(sent++, Self);
            });
        }
    }

    private sealed class Timer : ReceiveActor
    {
        public Timer(IActorRef echo, double[] samples, ManualResetEventSlim done)
        {
            var i = 0;
            var sentAt = Stopwatch.GetTimestamp();
            Receive<int>(_ =>
            {
                samples[i++] = Stopwatch.GetElapsedTime(sentAt).TotalMicroseconds;
                if (i == samples.Length)
                {
                    done.Set();
                    return;
                }
                sentAt = Stopwatch.GetTimestamp();
                echo.Tell(i, Self);
            });
            echo.Tell(0, Self);
        }
    }
}
