using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.DeathWatch;

public class DeathWatchSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    /// <summary>Watches what it is told to and reports the Terminated messages it gets.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public sealed record WatchIt(IActorRef Subject, object? Custom = null);
        public sealed record UnwatchIt(IActorRef Subject);

        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w =>
            {
                if (w.Custom is null) Context.Watch(w.Subject);
                else Context.WatchWith(w.Subject, w.Custom);
                Sender.Tell("watching", Self);
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Subject);
                Sender.Tell("unwatched", Self);
            });
            Receive<Terminated>(t => probe.Tell(t, Self));
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }

    [Fact]
    public void Watcher_must_get_exactly_one_Terminated_even_when_watching_twice()
    {
        var target = ActorOf(Props.Create<EchoActor>());
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new Watcher.WatchIt(target));
        ExpectMsg("watching");
        watcher.Tell(new Watcher.WatchIt(target));
        ExpectMsg("watching");
        Sys.Stop(target);
        var terminated = ExpectMsg<Terminated>();
        terminated.ActorRef.Should().Be(target);
        terminated.ExistenceConfirmed.Should().BeTrue();
        watcher.Tell("flush");
        ExpectMsg("flush");
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_must_deliver_Terminated()
    {
        var target = ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new Watcher.WatchIt(target));
        ExpectMsg("watching");
        var late = ExpectMsg<Terminated>();
        late.ActorRef.Should().Be(target);
        late.ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public void Unwatch_must_prevent_the_Terminated()
    {
        var target = ActorOf(Props.Create<EchoActor>());
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new Watcher.WatchIt(target));
        ExpectMsg("watching");
        watcher.Tell(new Watcher.UnwatchIt(target));
        ExpectMsg("unwatched");
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);   // our own watch fires...
        watcher.Tell("flush");
        ExpectMsg("flush");         // ...the unwatched one did not
    }

    [Fact]
    public void WatchWith_must_deliver_the_custom_message()
    {
        var target = ActorOf(Props.Create<EchoActor>());
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new Watcher.WatchIt(target, "target died"));
        ExpectMsg("watching");
        Sys.Stop(target);
        ExpectMsg("target died");
    }

    private sealed class PactActor : ReceiveActor
    {
        public PactActor(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(_ => { });
        }
    }

    [Fact]
    public void Unhandled_Terminated_must_stop_the_watcher_with_a_death_pact()
    {
        var subject = ActorOf(Props.Create<EchoActor>());
        var pact = ActorOf(Props.Create(() => new PactActor(subject)));
        Watch(pact);
        Sys.Stop(subject);
        ExpectTerminated(pact);
        AwaitCondition(() => Logs.Entries.Any(e => e.Exception is DeathPactException));
    }

    [Fact]
    public void Parent_must_terminate_after_its_children_with_PostStop_in_between()
    {
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var parent = ActorOf(Props.Create(() => new Tree(events, 2, "p")), "p");
        AwaitCondition(() => events.Count(e => e.StartsWith("start", StringComparison.Ordinal)) == 7);
        Watch(parent);
        Sys.Stop(parent);
        ExpectTerminated(parent);
        Tree.AssertChildrenStoppedFirst(events);
    }

    [Fact]
    public async Task GracefulStop_must_complete_true_after_PostStop()
    {
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var actor = ActorOf(Props.Create(() => new Tree(events, 0, "leaf")));
        (await actor.GracefulStop(Dilated(TimeSpan.FromSeconds(5)))).Should().BeTrue();
        events.Should().Contain("stop:leaf");
        (await actor.GracefulStop(Dilated(TimeSpan.FromSeconds(5)))).Should().BeTrue("an already dead actor is stopped");
    }

    [Fact]
    public async Task GracefulStop_must_complete_false_when_the_actor_does_not_stop_in_time()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("clocked", ActorSystemSettings.Default with { TimeProvider = clock });
        var actor = system.ActorOf(Props.Create<EchoActor>());
        var stop = actor.GracefulStop(TimeSpan.FromSeconds(1), "not a stop message");
        clock.Advance(TimeSpan.FromSeconds(2));
        (await stop.WaitAsync(Dilated(TimeSpan.FromSeconds(5)))).Should().BeFalse();
    }
}

/// <summary>A tree of actors that records start and stop events (the stop order check).</summary>
public sealed class Tree : ReceiveActor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> events;
    private readonly string name;

    public Tree(System.Collections.Concurrent.ConcurrentQueue<string> events, int depth, string name)
    {
        this.events = events;
        this.name = name;
        if (depth > 0)
        {
            Context.ActorOf(Props.Create(() => new Tree(events, depth - 1, name + "/a")), "a");
            Context.ActorOf(Props.Create(() => new Tree(events, depth - 1, name + "/b")), "b");
        }
        ReceiveAny(_ => { });
    }

    protected override void PreStart() => events.Enqueue("start:" + name);

    protected override void PostStop() => events.Enqueue("stop:" + name);

    /// <summary>Every node's stop comes after the stops of all nodes below it.</summary>
    public static void AssertChildrenStoppedFirst(IEnumerable<string> events)
    {
        var stops = events.Where(e => e.StartsWith("stop:", StringComparison.Ordinal)).Select(e => e[5..]).ToList();
        stops.Should().NotBeEmpty();
        for (var i = 0; i < stops.Count; i++)
            stops.Skip(i + 1).Should().NotContain(s => s.StartsWith(stops[i] + "/", StringComparison.Ordinal),
                $"{stops[i]} stopped before its descendants (order: {string.Join(", ", stops)})");
    }
}
