using Akka.Actor;
using System.Diagnostics;

namespace Troupe.Bench.Actors;

/// <summary>Sequential asks from one caller to an echo actor: the round-trip latency distribution.</summary>
internal static class AskLatency
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    public static async Task<double[]> Run(ActorSystem system, int warmup, int count)
    {
        var echo = system.ActorOf(Props.Create<Echo>());
        var message = new object();
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 0; i < warmup; i++) await echo.Ask<object>(message, timeout);
        var micros = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Ask<object>(message, timeout);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        system.Stop(echo);
        Array.Sort(micros);
        return micros;
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
