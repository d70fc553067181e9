using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Dispatch;

public class MailboxSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Blocking : ReceiveActor
    {
        public Blocking(IActorRef probe, SemaphoreSlim gate)
        {
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell("blocked", Self);
                if (!gate.Wait(TestKitBase.Dilated(TimeSpan.FromSeconds(10)))) throw new TimeoutException("gate never opened");
            });
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }

    [Fact]
    public void Bounded_mailbox_must_send_overflow_to_dead_letters_and_keep_the_rest()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(DeadLetter));
        var gate = new SemaphoreSlim(0);
        var actor = ActorOf(Props.Create(() => new Blocking(TestActor, gate)).WithMailbox(MailboxOptions.Bounded(2)));
        actor.Tell("block");
        ExpectMsg("blocked");
        for (var i = 1; i <= 5; i++) actor.Tell(i);
        letters.ExpectMsg<DeadLetter>().Message.Should().Be(3);
        letters.ExpectMsg<DeadLetter>().Message.Should().Be(4);
        letters.ExpectMsg<DeadLetter>().Message.Should().Be(5);
        gate.Release();
        ExpectMsg(1);
        ExpectMsg(2);
        actor.Tell(6);
        ExpectMsg(6);
    }

    [Fact]
    public void Bounded_mailbox_options_must_be_validated()
    {
        FluentActions.Invoking(() => MailboxOptions.Bounded(0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*expected a positive mailbox capacity, got 0*");
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => ReceiveAny(_ => Sender.Tell(Thread.CurrentThread.Name ?? "", Self));
    }

    [Fact]
    public void Pinned_dispatcher_must_run_the_actor_on_its_own_thread()
    {
        var actor = ActorOf(Props.Create<ThreadReporter>().WithDispatcher(Dispatchers.PinnedId));
        actor.Tell("where");
        ExpectMsg("troupe-pinned");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        actor.Tell("late");
        ExpectMsg<DeadLetter>().Message.Should().Be("late");
    }

    [Fact]
    public void Unknown_dispatcher_must_be_rejected_with_the_known_ids()
    {
        FluentActions.Invoking(() => Sys.ActorOf(Props.Create<EchoActor>().WithDispatcher("fast")))
            .Should().Throw<ArgumentException>().WithMessage("*expected dispatcher id 'default' or 'pinned', got 'fast'*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void Throughput_setting_must_not_change_delivery(int throughput)
    {
        using var kit = new ThroughputKit(throughput);
        var echo = kit.Sys.ActorOf(Props.Create<EchoActor>());
        for (var i = 0; i < 100; i++) echo.Tell(i, kit.TestActor);
        kit.ReceiveN(100).Should().Equal(Enumerable.Range(0, 100).Cast<object>());
    }

    private sealed class ThroughputKit(int throughput) : TestKit.TestKit(null, ActorSystemSettings.Default with { Throughput = throughput });
}
