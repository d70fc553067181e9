using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Worker.Protocol;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Agent;

/// <summary>
/// A worker node's agent (role <c>worker</c>): registers its slots with the coordinator (repeating until
/// acknowledged), then spawns one <see cref="ModelActor"/> per <see cref="StartTrial"/>, named after the attempt
/// (<c>trial-0003.2</c>), under a stopping strategy: a failed model actor is not restarted here, because the
/// coordinator decides retries and restarts the trial from its last checkpoint. Holds the node's
/// <see cref="DatasetCache"/>. Talks to the coordinator only through messages to its ref.
/// </summary>
public sealed class WorkerAgent : ReceiveActor
{
    private readonly IActorRef coordinator;
    private readonly WorkerSettings settings;
    private readonly DatasetCache cache = new();
    private readonly DeviceSlots devices;

    public WorkerAgent(IActorRef coordinator, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(settings);
        this.coordinator = coordinator;
        this.settings = settings;
        devices = new DeviceSlots(settings.Device, settings.Slots);
        Receive<RegisterTick>(_ => Register());
        Receive<WorkerRegistered>(r => r.WorkerId == settings.WorkerId, _ =>
        {
            Timers.Cancel(RegisterTick.Instance);
            Log.LogInformation("worker {Worker} registered with {Slots} slots", settings.WorkerId, settings.Slots);
            Become(Registered);
        });
        Receive<StartTrial>(Start);
    }

    public static Props Props(IActorRef coordinator, WorkerSettings settings) =>
        Actors.Props.Create(() => new WorkerAgent(coordinator, settings));

    protected override void PreStart()
    {
        Register();
        Timers.StartPeriodicTimer(RegisterTick.Instance, RegisterTick.Instance, settings.RegisterInterval);
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    private void Registered()
    {
        Receive<StartTrial>(Start);
        Receive<WorkerRegistered>(_ => { });
        Receive<Terminated>(t => devices.Free(t.ActorRef.Path.Name));
    }

    private void Register() => coordinator.Tell(new RegisterWorker(settings.WorkerId, settings.Slots, Self, settings.Device), Self);

    private void Start(StartTrial start)
    {
        var name = $"{start.Fence.TrialId}.{start.Fence.Attempt}";
        if (Context.Child(name) is not Nobody)
        {
            Log.LogWarning("{Fence} is already running on {Worker}: duplicate start ignored", start.Fence, settings.WorkerId);
            return;
        }
        // The coordinator places no more attempts than slots, so a GPU is free unless an old attempt's actor is still stopping.
        if (devices.Take(name) is not { } device)
        {
            Log.LogWarning("{Fence} asks for a GPU on {Worker}, but all {Slots} are held by running attempts: start refused", start.Fence, settings.WorkerId, settings.Slots);
            start.ReportTo.Tell(new TrialFailed(start.Fence, settings.WorkerId, $"every cuda slot of {settings.WorkerId} is held by a running attempt"), Self);
            return;
        }
        var child = Context.ActorOf(ModelActor.Props(start, settings.WorkerId, cache, settings.ModelActors, device), name);
        Context.Watch(child);
        start.ReportTo.Tell(new TrialStarted(start.Fence, settings.WorkerId, child), Self);
    }

    private sealed class RegisterTick
    {
        public static readonly RegisterTick Instance = new();
    }
}
