using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Scheduling;

/// <summary>Every spec here runs on a manual clock: nothing depends on real time passing.</summary>
public class SchedulingSpecs : TestKit.TestKit
{
    private readonly ManualTimeProvider clock;

    public SchedulingSpecs(ITestOutputHelper output) : this(output, new ManualTimeProvider()) { }

    private SchedulingSpecs(ITestOutputHelper output, ManualTimeProvider clock)
        : base(output, ActorSystemSettings.Default with { TimeProvider = clock }) => this.clock = clock;

    /// <summary>Everything told to the test actor before this call has been received when it returns (FIFO per sender).</summary>
    private void Flush()
    {
        TestActor.Tell("flush", Nobody.Instance);
        FishForMessage(m => m is "flush");
    }

    [Fact]
    public void ScheduleTellOnce_must_deliver_after_the_delay_and_not_when_cancelled()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "once", null);
        var cancelled = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "cancelled", null);
        cancelled.Cancel();
        cancelled.IsCancellationRequested.Should().BeTrue();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        TestActor.Tell("before", Nobody.Instance);
        ExpectMsg("before");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("once");
        clock.Advance(TimeSpan.FromSeconds(10));
        Flush();
        PendingMessageCount.Should().Be(0);
    }

    [Fact]
    public void ScheduleTellRepeatedly_must_repeat_until_cancelled()
    {
        var task = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "tick", null);
        clock.Advance(TimeSpan.FromSeconds(5));   // fires at 1, 3, 5
        ReceiveN(3).Should().Equal("tick", "tick", "tick");
        task.Cancel();
        clock.Advance(TimeSpan.FromSeconds(10));
        TestActor.Tell("after", Nobody.Instance);
        ExpectMsg("after");
    }

    [Fact]
    public void Scheduled_action_that_throws_must_be_logged_not_crash()
    {
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => throw new TestException("timer"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Logs.Entries.Should().Contain(e => e.Exception is TestException && e.Message.Contains("scheduled task failed"));
    }

    private sealed class Ticker : ReceiveActor
    {
        public Ticker(IActorRef probe)
        {
            Receive<string>(s => s == "start", _ =>
            {
                Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(1));
                Timers.StartSingleTimer("single", "single", TimeSpan.FromSeconds(3));
                Sender.Tell("started", Self);
            });
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.Cancel("tick");
                Sender.Tell(Timers.IsTimerActive("tick"), Self);
            });
            Receive<string>(s => s == "active", _ => Sender.Tell(string.Join(",", Timers.ActiveTimers.OrderBy(k => k)), Self));
            Receive<string>(s => s == "fail", _ => throw new TestException("restart me"));
            Receive<string>(s => probe.Tell(s, Self));
        }
    }

    [Fact]
    public void Timers_must_deliver_and_stop_delivering_when_cancelled()
    {
        var ticker = ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("start");
        ExpectMsg("started");
        clock.Advance(TimeSpan.FromSeconds(3));
        ReceiveN(4).Should().BeEquivalentTo(new[] { "tick", "tick", "tick", "single" });
        ticker.Tell("active");
        ExpectMsg("tick");
        ticker.Tell("cancel");
        ExpectMsg(false);
        clock.Advance(TimeSpan.FromSeconds(5));
        ticker.Tell("active");
        ExpectMsg("");
    }

    [Fact]
    public void Timers_must_be_cancelled_when_the_actor_stops()
    {
        var baseline = clock.ActiveTimers;
        var ticker = ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("start");
        ExpectMsg("started");
        clock.ActiveTimers.Should().Be(baseline + 2);
        Watch(ticker);
        Sys.Stop(ticker);
        ExpectTerminated(ticker);
        clock.ActiveTimers.Should().Be(baseline);
        clock.Advance(TimeSpan.FromSeconds(10));
        Flush();
    }

    [Fact]
    public void Timers_must_be_cancelled_when_the_actor_restarts()
    {
        var ticker = ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("start");
        ExpectMsg("started");
        clock.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        ticker.Tell("fail");
        ticker.Tell("active");
        ExpectMsg("");
        clock.Advance(TimeSpan.FromSeconds(10));
        Flush();
    }

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(1));
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout", Self));
            Receive<string>(s => s == "off", _ => { Context.SetReceiveTimeout(null); Sender.Tell("off", Self); });
            Receive<string>(s => Sender.Tell(s, Self));
        }
    }

    [Fact]
    public void Receive_timeout_must_fire_after_idleness_only()
    {
        var sleepy = ActorOf(Props.Create(() => new Sleepy(TestActor)));
        sleepy.Tell("warm");
        ExpectMsg("warm");
        clock.Advance(TimeSpan.FromMilliseconds(600));
        sleepy.Tell("busy");               // activity: the timeout counts from here
        ExpectMsg("busy");
        clock.Advance(TimeSpan.FromMilliseconds(600));
        sleepy.Tell("still");              // the first firing found the actor idle for 600 ms only
        ExpectMsg("still");
        clock.Advance(TimeSpan.FromMilliseconds(1000));
        ExpectMsg("timeout");
        clock.Advance(TimeSpan.FromMilliseconds(1000));
        ExpectMsg("timeout", null);        // and again after another idle period
        sleepy.Tell("off");
        ExpectMsg("off");
        clock.Advance(TimeSpan.FromSeconds(5));
        sleepy.Tell("ping");
        ExpectMsg("ping");
    }

    [Fact]
    public async Task Termination_must_shut_the_scheduler_down()
    {
        var task = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick", null);
        await Sys.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        task.IsCancellationRequested.Should().BeTrue();
        FluentActions.Invoking(() => Sys.Scheduler.ScheduleOnce(TimeSpan.Zero, () => { }))
            .Should().Throw<InvalidOperationException>().WithMessage("*terminated*");
    }
}
