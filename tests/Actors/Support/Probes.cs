namespace Troupe.Actors.Tests.Support;

/// <summary>Small actors shared by several specs.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>Reports every lifecycle hook and every message to a probe, and throws when told to.</summary>
public sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef probe;
    private int state;

    public sealed record Fail(Exception Cause);

    public LifecycleActor(IActorRef probe)
    {
        this.probe = probe;
        probe.Tell($"ctor", Self);
        Receive<Fail>(f => throw f.Cause);
        Receive<string>(s => s == "state", _ => Sender.Tell(state, Self));
        Receive<string>(s => s == "inc", _ => state++);
        ReceiveAny(m => probe.Tell(m, Self));
    }

    protected override void PreStart() => probe.Tell("preStart", Self);
    protected override void PostStop() => probe.Tell("postStop", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        probe.Tell($"preRestart:{reason.Message}:{message?.GetType().Name}", Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        probe.Tell($"postRestart:{reason.Message}", Self);
        base.PostRestart(reason);
    }
}

/// <summary>A parent with a configurable strategy that creates children on request and forwards everything else to them.</summary>
public sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy strategy;

    public sealed record CreateChild(Props Props, string Name);

    public Supervisor(SupervisorStrategy strategy)
    {
        this.strategy = strategy;
        Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
    }

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}

public sealed class TestException(string message) : Exception(message);

public static class SupervisorExtensions
{
    /// <summary>Asks <paramref name="supervisor"/> to create a child and returns its ref (creation order of other messages is not fixed).</summary>
    public static IActorRef CreateChild(this IActorRef supervisor, Props props, string name) =>
        supervisor.Ask<IActorRef>(new Supervisor.CreateChild(props, name), TestKitBase.Dilated(TimeSpan.FromSeconds(5))).GetAwaiter().GetResult();
}
