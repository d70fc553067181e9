using Troupe.Actors;
using Troupe.Training.Tuning;

namespace Troupe.Worker.Protocol;

// Worker membership as the coordinator sees it (crosses the wire, like TrialMessages).

/// <summary>Worker agent → coordinator: worker <see cref="WorkerId"/> offers <see cref="Slots"/> slots; its agent is the sender, <see cref="Agent"/>.</summary>
public sealed record RegisterWorker(string WorkerId, int Slots, IActorRef Agent, DeviceKind Device = DeviceKind.Cpu);

/// <summary>Coordinator → worker agent: registration seen (the agent re-registers until it gets this).</summary>
public sealed record WorkerRegistered(string WorkerId);
