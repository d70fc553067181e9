using Microsoft.Extensions.Logging;
using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Supervision;

public class SupervisionSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private static Props Parent(Func<Exception, Directive> decider) =>
        Props.Create(() => new Supervisor(new OneForOneStrategy(decider)));

    /// <summary>Blocks in its first message until released, so later messages queue up behind it.</summary>
    private sealed class GatedActor : ReceiveActor
    {
        public GatedActor(IActorRef probe, SemaphoreSlim gate)
        {
            var instance = Guid.NewGuid();
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell("blocked", Self);
                if (!gate.Wait(TestKitBase.Dilated(TimeSpan.FromSeconds(10)))) throw new TimeoutException("gate never opened");
            });
            Receive<LifecycleActor.Fail>(f => throw f.Cause);
            ReceiveAny(m => probe.Tell((m, instance), Self));
        }
    }

    [Fact]
    public void Restart_must_keep_the_mailbox_contents_and_the_same_ref()
    {
        var gate = new SemaphoreSlim(0);
        var parent = ActorOf(Parent(_ => Directive.Restart));
        var child = parent.CreateChild(Props.Create(() => new GatedActor(TestActor, gate)), "gated");
        child.Tell("block");
        ExpectMsg("blocked");
        child.Tell(new LifecycleActor.Fail(new TestException("boom")));
        child.Tell("a");
        child.Tell("b");
        child.Tell("c");
        gate.Release();

        var a = ExpectMsg<(object, Guid)>();
        var b = ExpectMsg<(object, Guid)>();
        var c = ExpectMsg<(object, Guid)>();
        new[] { a.Item1, b.Item1, c.Item1 }.Should().Equal("a", "b", "c");
        LastSender.Should().Be(child);
        child.Tell("d");
        var d = ExpectMsg<(object, Guid)>();
        d.Item2.Should().Be(a.Item2, "the restarted instance handles everything after the failure");
        parent.CreateChild(Props.Create<EchoActor>(), "other").Should().NotBe(child);
    }

    [Fact]
    public void Resume_must_keep_the_actor_state()
    {
        var parent = ActorOf(Parent(_ => Directive.Resume));
        var child = parent.CreateChild(Props.Create(() => new LifecycleActor(TestActor)), "child");
        ExpectMsg("ctor");
        ExpectMsg("preStart");
        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new LifecycleActor.Fail(new TestException("boom")));
        child.Tell("inc");
        child.Tell("state");
        ExpectMsg(3);
    }

    [Fact]
    public void Restart_must_reset_the_actor_state()
    {
        var parent = ActorOf(Parent(_ => Directive.Restart));
        var child = parent.CreateChild(Props.Create(() => new LifecycleActor(TestActor)), "child");
        child.Tell("inc");
        child.Tell(new LifecycleActor.Fail(new TestException("boom")));
        child.Tell("state");
        FishForMessage(m => m is int).Should().Be(0);
    }

    [Fact]
    public void Stop_must_terminate_the_failed_child_and_send_later_messages_to_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var parent = ActorOf(Parent(_ => Directive.Stop));
        var child = parent.CreateChild(Props.Create(() => new LifecycleActor(TestActor)), "child");
        Watch(child);
        child.Tell(new LifecycleActor.Fail(new TestException("boom")));
        FishForMessage(m => m is Terminated t && t.ActorRef.Equals(child));
        child.Tell("late");
        FishForMessage(m => m is DeadLetter { Message: "late" } d && d.Recipient.Equals(child));
    }

    [Fact]
    public void Escalate_must_fail_the_parent_with_the_same_exception()
    {
        var seen = CreateTestProbe();
        var top = ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(e =>
        {
            seen.Ref.Tell(e, Nobody.Instance);
            return Directive.Stop;
        }))), "top");
        var middle = top.CreateChild(Parent(_ => Directive.Escalate), "middle");
        var leaf = middle.CreateChild(Props.Create(() => new LifecycleActor(CreateTestProbe().Ref)), "leaf");
        Watch(middle);
        Watch(leaf);
        var boom = new TestException("escalated");
        leaf.Tell(new LifecycleActor.Fail(boom));

        seen.ExpectMsg<TestException>().Should().BeSameAs(boom);
        var dead = new[] { ExpectMsg<Terminated>().ActorRef, ExpectMsg<Terminated>().ActorRef };
        dead.Should().BeEquivalentTo(new[] { middle, leaf });
    }

    [Fact]
    public void AllForOne_must_restart_every_sibling()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart))));
        var failing = parent.CreateChild(Props.Create(() => new LifecycleActor(first.Ref)), "first");
        parent.CreateChild(Props.Create(() => new LifecycleActor(second.Ref)), "second");
        first.ExpectMsg("ctor");
        first.ExpectMsg("preStart");
        second.ExpectMsg("ctor");
        second.ExpectMsg("preStart");

        failing.Tell(new LifecycleActor.Fail(new TestException("all")));
        first.ExpectMsg("preRestart:all:Fail");
        second.ExpectMsg("preRestart:all:");
        second.ExpectMsg("postStop");
        second.ExpectMsg("ctor");
        second.ExpectMsg("postRestart:all");
    }

    [Fact]
    public void Retry_limit_must_stop_the_child_after_too_many_restarts_in_the_window()
    {
        var parent = ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart))));
        var child = parent.CreateChild(Props.Create(() => new LifecycleActor(TestActor)), "child");
        Watch(child);
        for (var i = 0; i < 3; i++) child.Tell(new LifecycleActor.Fail(new TestException($"boom{i}")));

        FishForMessage(m => m is "postRestart:boom0");
        FishForMessage(m => m is "postRestart:boom1");
        FishForMessage(m => m is Terminated);
        Logs.Entries.Should().Contain(e => e.Message.Contains("exceeded 2 restarts"));
    }

    [Fact]
    public void Retry_window_must_restart_again_once_the_window_has_passed()
    {
        var clock = new ManualTimeProvider();
        var stats = new ChildRestartStats(null!);
        stats.RequestRestartPermission(1, TimeSpan.FromSeconds(10), clock).Should().BeTrue();
        stats.RequestRestartPermission(1, TimeSpan.FromSeconds(10), clock).Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(11));
        stats.RequestRestartPermission(1, TimeSpan.FromSeconds(10), clock).Should().BeTrue();
        new ChildRestartStats(null!).RequestRestartPermission(0, null, clock).Should().BeFalse();
        var unlimited = new ChildRestartStats(null!);
        Enumerable.Range(0, 100).All(_ => unlimited.RequestRestartPermission(-1, null, clock)).Should().BeTrue();
    }

    private sealed class FailingPreStart : ReceiveActor
    {
        public FailingPreStart(IActorRef probe)
        {
            probe.Tell("ctor", Self);
            ReceiveAny(_ => { });
        }

        protected override void PreStart() => throw new TestException("no start");
    }

    [Fact]
    public void Failing_PreStart_must_stop_the_actor_by_default_and_log_ActorInitializationException()
    {
        var actor = ActorOf(Props.Create(() => new FailingPreStart(TestActor)), "failing");
        Watch(actor);
        ExpectMsg("ctor");
        ExpectTerminated(actor);
        AwaitCondition(() => Logs.Entries.Any(e => e.Exception is ActorInitializationException { InnerException: TestException }
            && e.ActorPath == actor.Path.ToString()));
    }

    [Fact]
    public void Failing_PreStart_must_create_a_new_instance_when_the_strategy_restarts()
    {
        var parent = ActorOf(Parent(_ => Directive.Restart));
        parent.CreateChild(Props.Create(() => new FailingPreStart(TestActor)), "failing");
        ExpectMsg("ctor");
        ExpectMsg("ctor");
    }

    private sealed class ThrowingActor : ReceiveActor
    {
        public ThrowingActor()
        {
            Receive<string>(s => s == "throw", _ => throw new TestException("handler"));
            ReceiveAsync<string>(s => s == "throw-async", async _ =>
            {
                await Task.Yield();
                throw new TestException("async handler");
            });
            Receive<string>(s => Sender.Tell("alive:" + s, Self));
        }
    }

    [Theory]
    [InlineData("throw", "handler")]
    [InlineData("throw-async", "async handler")]
    public void Handler_exception_must_reach_the_supervisor_and_the_log_and_never_kill_the_process(string command, string reason)
    {
        var decided = CreateTestProbe();
        var parent = ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(e =>
        {
            decided.Ref.Tell(e, Nobody.Instance);
            return Directive.Restart;
        }))), "parent");
        var child = parent.CreateChild(Props.Create<ThrowingActor>(), "child");
        child.Tell(command);

        decided.ExpectMsg<TestException>().Message.Should().Be(reason);
        AwaitCondition(() => Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Exception is TestException t && t.Message == reason
            && e.ActorPath == child.Path.ToString() && e.Message.Contains("Restart")));
        child.Tell("ping");
        ExpectMsg("alive:ping");
    }

    [Fact]
    public void Kill_must_stop_the_actor_through_its_supervisor()
    {
        var actor = ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        actor.Tell(Kill.Instance);
        ExpectTerminated(actor);
        AwaitCondition(() => Logs.Entries.Any(e => e.Exception is ActorKilledException && e.Message.Contains("Stop")));
    }

    private sealed class FailingPostStop : ReceiveActor
    {
        public FailingPostStop() => ReceiveAny(_ => { });

        protected override void PostStop() => throw new TestException("post stop");
    }

    [Fact]
    public void Failing_PostStop_must_be_logged_and_still_terminate()
    {
        var actor = ActorOf(Props.Create<FailingPostStop>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        AwaitCondition(() => Logs.Entries.Any(e => e.Exception is TestException { Message: "post stop" } && e.ActorPath == actor.Path.ToString()));
    }
}
