using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.TestKitSpecs;

/// <summary>The TestKit's own contract: what it accepts, and failure messages that say what was expected, what came and when.</summary>
public class TestKitSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void ExpectMsg_failure_must_name_the_expected_type_what_came_and_when()
    {
        TestActor.Tell(42, Nobody.Instance);
        FluentActions.Invoking(() => ExpectMsg<string>()).Should().Throw<TestKitAssertionException>()
            .WithMessage("ExpectMsg<String>: expected a String, got Int32 (42) from Nobody after * ms*");
        FluentActions.Invoking(() => ExpectMsg<string>(Short)).Should().Throw<TestKitAssertionException>()
            .WithMessage("ExpectMsg<String>: expected a String within * ms, got no message after * ms*");
    }

    [Fact]
    public void ExpectMsg_with_predicate_and_value_must_check_the_content()
    {
        TestActor.Tell("abc", Nobody.Instance);
        ExpectMsg<string>(s => s.StartsWith('a')).Should().Be("abc");
        TestActor.Tell("xyz", Nobody.Instance);
        FluentActions.Invoking(() => ExpectMsg("abc")).Should().Throw<TestKitAssertionException>()
            .WithMessage("ExpectMsg(abc): expected String (abc), got String (xyz)*");
    }

    [Fact]
    public void ExpectNoMsg_must_fail_when_a_message_arrives()
    {
        ExpectNoMsg(Short);
        TestActor.Tell("surprise", Nobody.Instance);
        FluentActions.Invoking(() => ExpectNoMsg(TimeSpan.FromSeconds(1))).Should().Throw<TestKitAssertionException>()
            .WithMessage("ExpectNoMsg: expected no message within * ms, got String (surprise)*");
    }

    [Fact]
    public void FishForMessage_must_skip_others_and_report_them_on_failure()
    {
        foreach (var m in new object[] { 1, "two", 3 }) TestActor.Tell(m, Nobody.Instance);
        FishForMessage(m => m is 3).Should().Be(3);
        TestActor.Tell("x", Nobody.Instance);
        FluentActions.Invoking(() => FishForMessage(m => m is 99, Short)).Should().Throw<TestKitAssertionException>()
            .WithMessage("*got only 1 other message(s): String (x)*");
    }

    [Fact]
    public void ReceiveWhile_must_collect_until_the_filter_rejects_and_leave_the_rejected_one()
    {
        foreach (var m in new object[] { "a", "b", 3, "d" }) TestActor.Tell(m, Nobody.Instance);
        ReceiveWhile(m => m as string, Dilated(TimeSpan.FromSeconds(3))).Should().Equal("a", "b");
        ExpectMsg(3);
        ExpectMsg("d");
    }

    [Fact]
    public void Within_must_bound_the_waits_inside_and_check_the_duration()
    {
        Within(TimeSpan.FromSeconds(3), () =>
        {
            TestActor.Tell("in time", Nobody.Instance);
            ExpectMsg("in time");
            RemainingOrDefault.Should().BeLessThanOrEqualTo(Dilated(TimeSpan.FromSeconds(3)));
        });
        FluentActions.Invoking(() => Within(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), () => { }))
            .Should().Throw<TestKitAssertionException>().WithMessage("Within: expected the block to take at least 10000 ms*");
    }

    [Fact]
    public void AwaitCondition_and_AwaitAssert_must_report_what_did_not_hold()
    {
        var counter = 0;
        AwaitCondition(() => ++counter >= 3);
        FluentActions.Invoking(() => AwaitCondition(() => false, Short, message: "the sky to fall"))
            .Should().Throw<TestKitAssertionException>().WithMessage("AwaitCondition: expected the sky to fall to hold within * ms, got false*");
        var thrown = FluentActions.Invoking(() => AwaitAssert(() => 1.Should().Be(2), Short)).Should().Throw<TestKitAssertionException>();
        thrown.WithMessage("AwaitAssert: expected the assertion to pass within * ms, got *");
        thrown.Which.InnerException.Should().NotBeNull();
    }

    [Fact]
    public void TestProbe_must_reply_and_forward_keeping_the_original_sender()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf(Props.Create<EchoActor>());
        probe.Ref.Tell("question");                 // implicit sender: the test actor
        probe.ExpectMsg("question");
        probe.LastSender.Should().Be(TestActor);
        probe.Reply("answer");
        ExpectMsg("answer");
        LastSender.Should().Be(probe.Ref);

        probe.Ref.Tell("forward me");
        probe.ExpectMsg("forward me");
        probe.Forward(echo);
        ExpectMsg("forward me");
        LastSender.Should().Be(echo);
    }

    [Fact]
    public async Task Async_variants_must_behave_like_the_sync_ones()
    {
        var echo = ActorOf(Props.Create<EchoActor>());
        echo.Tell("async");
        (await ExpectMsgAsync<string>()).Should().Be("async");
        await ExpectNoMsgAsync(Short);
        Watch(echo);
        Sys.Stop(echo);
        (await ExpectTerminatedAsync(echo)).ActorRef.Should().Be(echo);
        await AwaitConditionAsync(() => Task.FromResult(true));
        await WithinAsync(TimeSpan.FromSeconds(3), async () =>
        {
            TestActor.Tell(1, Nobody.Instance);
            (await FishForMessageAsync<int>(i => i == 1)).Should().Be(1);
        });
    }

    [Fact]
    public void ExpectTerminated_must_fail_for_another_actor()
    {
        var a = ActorOf(Props.Create<EchoActor>());
        var b = ActorOf(Props.Create<EchoActor>(), "b");
        Watch(a);
        Sys.Stop(a);
        FluentActions.Invoking(() => ExpectTerminated(b)).Should().Throw<TestKitAssertionException>()
            .WithMessage("ExpectTerminated: expected Terminated of [troupe://test/user/b#*], got Terminated*");
    }

    [Fact]
    public void Dilated_must_scale_by_the_dilation_factor()
    {
        Dilated(TimeSpan.FromSeconds(2)).Should().Be(TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(2).Ticks * Dilation)));
        Dilated(Timeout.InfiniteTimeSpan).Should().Be(Timeout.InfiniteTimeSpan);
    }
}
