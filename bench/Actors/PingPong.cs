using Akka.Actor;
using System.Diagnostics;

namespace Troupe.Bench.Actors;

/// <summary>
/// Akka.NET's PingPong shape: <c>pairs</c> client/echo pairs, each client keeps <c>inFlight</c>
/// messages in flight until it has received <c>repeat</c> replies. Counts both directions.
/// </summary>
internal static class PingPong
{
    private static readonly object Msg = new();

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class Client : ReceiveActor
    {
        public sealed record Run(IActorRef Echo, long Repeat, int InFlight, TaskCompletionSource Done);

        public Client()
        {
            IActorRef echo = ActorRefs.Nobody;
            long sent = 0, received = 0, repeat = 0;
            TaskCompletionSource? done = null;
            Receive<Run>(r =>
            {
                echo = r.Echo;
                repeat = r.Repeat;
                done = r.Done;
                for (var i = 0; i < r.InFlight && sent < repeat; i++, sent++) echo.Tell(Msg, Self);
            });
            ReceiveAny(_ =>
            {
                received++;
                if (sent < repeat)
                {
                    sent++;
                    echo.Tell(Msg, Self);
                }
                else if (received == repeat)
                {
                    done!.TrySetResult();
                }
            });
        }
    }

    /// <summary>Messages per second of wall-clock time over one round.</summary>
    public static double Round(ActorSystem system, int pairs, long repeat, int inFlight)
    {
        var clients = Enumerable.Range(0, pairs).Select(_ => (Client: system.ActorOf(Props.Create<Client>()), Echo: system.ActorOf(Props.Create<Echo>()))).ToList();
        var done = clients.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pairs; i++) clients[i].Client.Tell(new Client.Run(clients[i].Echo, repeat, inFlight, done[i]), ActorRefs.NoSender);
        if (!Task.WaitAll(done.Select(d => d.Task).ToArray(), TimeSpan.FromMinutes(2)))
            throw new TimeoutException("ping-pong round did not finish within 2 minutes");
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var (c, e) in clients)
        {
            system.Stop(c);
            system.Stop(e);
        }
        return 2.0 * repeat * pairs / seconds;
    }
}
