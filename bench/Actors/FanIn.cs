using Akka.Actor;
using System.Diagnostics;

namespace Troupe.Bench.Actors;

/// <summary><c>senders</c> actors each send <c>perSender</c> messages to one receiver as fast as they can; time until the receiver has them all.</summary>
internal static class FanIn
{
    private static readonly object Msg = new();

    private sealed record Go(IActorRef Target, long Count);

    private sealed class Sender : ReceiveActor
    {
        private const int Batch = 1000;

        public Sender()
        {
            IActorRef target = ActorRefs.Nobody;
            long left = 0;
            Receive<Go>(g =>
            {
                target = g.Target;
                left = g.Count;
                Self.Tell("next", Self);
            });
            Receive<string>(_ =>
            {
                var n = Math.Min(Batch, left);
                for (var i = 0; i < n; i++) target.Tell(Msg, Self);
                left -= n;
                if (left > 0) Self.Tell("next", Self);
            });
        }
    }

    private sealed class Receiver : ReceiveActor
    {
        public Receiver(long expected, TaskCompletionSource done)
        {
            long received = 0;
            ReceiveAny(_ =>
            {
                if (++received == expected) done.TrySetResult();
            });
        }
    }

    public static double Round(ActorSystem system, int senders, long perSender)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = system.ActorOf(Props.Create(() => new Receiver(senders * perSender, done)));
        var all = Enumerable.Range(0, senders).Select(_ => system.ActorOf(Props.Create<Sender>())).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var s in all) s.Tell(new Go(receiver, perSender), ActorRefs.NoSender);
        if (!done.Task.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("fan-in round did not finish within 2 minutes");
        var seconds = clock.Elapsed.TotalSeconds;
        system.Stop(receiver);
        foreach (var s in all) system.Stop(s);
        return senders * perSender / seconds;
    }
}
