using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Lifecycle;

public class LifecycleSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public void Actor_must_run_hooks_in_order_on_start_restart_and_stop()
    {
        var supervisor = ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        var child = supervisor.CreateChild(Props.Create(() => new LifecycleActor(TestActor)), "child");
        ExpectMsg("ctor");
        ExpectMsg("preStart");

        child.Tell(new LifecycleActor.Fail(new TestException("boom")));
        ExpectMsg("preRestart:boom:Fail");
        ExpectMsg("postStop");           // default PreRestart calls PostStop
        ExpectMsg("ctor");
        ExpectMsg("postRestart:boom");
        ExpectMsg("preStart");           // default PostRestart calls PreStart

        Watch(child);
        child.Tell(PoisonPill.Instance);
        ExpectMsg("postStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Tell_must_deliver_and_reply_with_the_test_actor_as_implicit_sender()
    {
        var echo = ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell("hello");
        ExpectMsg("hello");
        LastSender.Should().Be(echo);
    }
}
