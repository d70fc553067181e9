using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Behavior;

public class BehaviorSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Gate : ReceiveActor
    {
        public Gate()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Stash.UnstashAll();
                Become(() => ReceiveAny(m => Sender.Tell(m, Self)));
            });
            ReceiveAny(_ => Stash.Stash());
        }
    }

    [Fact]
    public void Stash_must_replay_stashed_messages_in_order_before_later_ones()
    {
        var gate = ActorOf(Props.Create<Gate>());
        foreach (var i in new[] { 1, 2, 3 }) gate.Tell(i);
        gate.Tell("open");
        gate.Tell(4);
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectMsg(4);
    }

    private sealed class DoubleStash : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            Context.Stash();
            try
            {
                Context.Stash();
            }
            catch (IllegalActorStateException e)
            {
                Sender.Tell(e.Message, Self);
            }
        }
    }

    [Fact]
    public void Stash_must_refuse_to_stash_the_same_message_twice()
    {
        ActorOf(Props.Create<DoubleStash>()).Tell("m");
        ExpectMsg<string>(s => s.Contains("stashed once"));
    }

    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Receive<string>(s => s == "happy", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "sad", _ => UnbecomeStacked());
                ReceiveAny(m => Sender.Tell($"happy:{m}", Self));
            }));
            Receive<string>(s => s == "angry", _ => Become(() => ReceiveAny(m => Sender.Tell($"angry:{m}", Self))));
            ReceiveAny(m => Sender.Tell($"neutral:{m}", Self));
        }
    }

    [Fact]
    public void Become_and_Unbecome_must_switch_and_restore_behaviours()
    {
        var moody = ActorOf(Props.Create<Moody>());
        moody.Tell(1);
        ExpectMsg("neutral:1");
        moody.Tell("happy");
        moody.Tell(2);
        ExpectMsg("happy:2");
        moody.Tell("sad");
        moody.Tell(3);
        ExpectMsg("neutral:3");
        moody.Tell("angry");
        moody.Tell(4);
        ExpectMsg("angry:4");
    }

    private sealed class Switch : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "on") BecomeStacked(m => Sender.Tell($"on:{m}", Self));
            else Sender.Tell($"off:{message}", Self);
        }
    }

    [Fact]
    public void Untyped_actor_must_become_and_unbecome_through_the_context()
    {
        var sw = ActorOf(Props.Create<Switch>());
        sw.Tell("x");
        ExpectMsg("off:x");
        sw.Tell("on");
        sw.Tell("y");
        ExpectMsg("on:y");
    }

    private sealed class Unhandling : ReceiveActor
    {
        public Unhandling() => Receive<int>(i => Sender.Tell(i, Self));
    }

    [Fact]
    public void Unhandled_message_must_be_published_on_the_event_stream()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = ActorOf(Props.Create<Unhandling>());
        actor.Tell("not an int");
        var unhandled = ExpectMsg<UnhandledMessage>();
        unhandled.Message.Should().Be("not an int");
        unhandled.Recipient.Should().Be(actor);
        unhandled.Sender.Should().Be(TestActor);
    }

    private sealed class Slow : ReceiveActor
    {
        private int running;

        public Slow(IActorRef probe)
        {
            ReceiveAsync<int>(async i =>
            {
                if (Interlocked.Increment(ref running) != 1) probe.Tell("overlap", Self);
                var sender = Sender;
                await Task.Delay(1);
                await Task.Yield();
                sender.Should().Be(Sender, "the sender survives awaits");
                Interlocked.Decrement(ref running);
                probe.Tell(i, Self);
            });
            Receive<string>(s => probe.Tell(s, Self));
        }
    }

    [Fact]
    public void ReceiveAsync_must_process_one_message_at_a_time_in_order()
    {
        var actor = ActorOf(Props.Create(() => new Slow(TestActor)));
        for (var i = 0; i < 20; i++) actor.Tell(i);
        actor.Tell("done");
        ReceiveN(21, Dilated(TimeSpan.FromSeconds(10))).Should().Equal(Enumerable.Range(0, 20).Cast<object>().Append("done"));
    }

    private sealed class AskingActor : ReceiveActor
    {
        public AskingActor(IActorRef echo) =>
            ReceiveAsync<string>(async s =>
            {
                var reply = await echo.Ask<string>(s, TestKitBase.Dilated(TimeSpan.FromSeconds(5)));
                Sender.Tell($"{reply}:{Self.Path.Name}", Self);
            });
    }

    [Fact]
    public void ReceiveAsync_must_resume_inside_the_actor_after_awaiting_an_ask()
    {
        var echo = ActorOf(Props.Create<EchoActor>());
        var asking = ActorOf(Props.Create(() => new AskingActor(echo)), "asking");
        asking.Tell("q");
        ExpectMsg("q:asking");
    }
}
