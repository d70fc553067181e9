using Akka.Actor;
using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Sweep;

// What a host or a test asks the coordinator.

/// <summary>Answered with <see cref="SweepCompleted"/> once the sweep ends (at once when it has).</summary>
internal sealed record AwaitSweep;

public sealed record SweepCompleted(SweepSummary Summary);

/// <summary><see cref="Subscriber"/> receives every <see cref="SweepEvent"/> from now on.</summary>
internal sealed record SubscribeSweep(IActorRef Subscriber);
