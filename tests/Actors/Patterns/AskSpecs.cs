using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Patterns;

public class AskSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new TestException("refused")), Self));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "number", _ => Sender.Tell(42, Self));
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
        }
    }

    private TimeSpan Long => Dilated(TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Ask_must_complete_with_the_reply()
    {
        var actor = ActorOf(Props.Create<Replier>());
        (await actor.Ask<string>("hello", Long)).Should().Be("HELLO");
        (await actor.Ask("again", Long)).Should().Be("AGAIN");
    }

    [Fact]
    public async Task Ask_must_raise_AskTimeoutException_when_no_reply_comes()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("clocked", ActorSystemSettings.Default with { TimeProvider = clock });
        var actor = system.ActorOf(Props.Create<Replier>());
        var ask = actor.Ask<string>("silent", TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(3));
        var thrown = await FluentActions.Awaiting(() => ask.WaitAsync(Long)).Should().ThrowAsync<AskTimeoutException>();
        thrown.Which.Message.Should().Contain(actor.Path.ToString()).And.Contain("2000 ms");
    }

    [Fact]
    public async Task Ask_must_surface_a_Status_Failure_reply_as_its_exception()
    {
        var actor = ActorOf(Props.Create<Replier>());
        await FluentActions.Awaiting(() => actor.Ask<string>("fail", Long)).Should().ThrowAsync<TestException>().WithMessage("refused");
    }

    [Fact]
    public async Task Ask_must_fail_with_InvalidCastException_on_a_reply_of_another_type()
    {
        var actor = ActorOf(Props.Create<Replier>());
        var thrown = await FluentActions.Awaiting(() => actor.Ask<string>("number", Long)).Should().ThrowAsync<InvalidCastException>();
        thrown.Which.Message.Should().Contain("expected a reply of type String, got Int32");
    }

    [Fact]
    public async Task Ask_must_be_cancelled_by_its_token()
    {
        var actor = ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var ask = actor.Ask<string>("silent", null, cts.Token);
        cts.Cancel();
        await FluentActions.Awaiting(() => ask.WaitAsync(Long)).Should().ThrowAsync<TaskCanceledException>();
    }

    [Fact]
    public async Task Ask_must_fail_at_once_for_a_dead_target()
    {
        var actor = ActorOf(Props.Create<Replier>());
        (await actor.GracefulStop(Long)).Should().BeTrue();
        await FluentActions.Awaiting(() => actor.Ask<string>("hello")).Should().ThrowAsync<AskTimeoutException>()
            .WithMessage("*already terminated*");
    }

    [Fact]
    public async Task Ask_reply_path_must_resolve_to_the_promise_while_pending()
    {
        var probe = CreateTestProbe();
        var ask = probe.Ref.Ask<string>("question", Long);
        probe.ExpectMsg("question");
        var promise = probe.LastSender;
        promise.Path.ToString().Should().StartWith("troupe://test/temp/$");
        Sys.Provider.ResolveActorRef(promise.Path).Should().BeSameAs(promise);
        Sys.Provider.ResolveActorRef(promise.Path).Tell("answer", null);
        (await ask).Should().Be("answer");
        Sys.Provider.ResolveActorRef(promise.Path).Should().NotBeSameAs(promise, "a completed promise is unregistered");
    }

    [Fact]
    public void PipeTo_must_send_the_result_or_a_Status_Failure()
    {
        Task.FromResult(7).PipeTo(TestActor);
        ExpectMsg(7);
        Task.FromException<int>(new TestException("bad")).PipeTo(TestActor);
        ExpectMsg<Status.Failure>().Cause.Should().BeOfType<TestException>();
        Task.FromResult("x").PipeTo(TestActor, success: s => s + "!");
        ExpectMsg("x!");
        Task.CompletedTask.PipeTo(TestActor);
        ExpectMsg<Status.Success>();
    }
}
