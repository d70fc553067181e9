using System.Collections.Concurrent;
using Troupe.Actors.Tests.DeathWatch;
using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Events;

public class DeadLetterSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public void Message_to_a_stopped_actor_must_become_a_counted_logged_dead_letter()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = ActorOf(Props.Create<EchoActor>(), "gone");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var before = Sys.DeadLetterCount;

        actor.Tell("hello?");
        var letter = ExpectMsg<DeadLetter>();
        letter.Message.Should().Be("hello?");
        letter.Recipient.Should().Be(actor);
        letter.Sender.Should().Be(TestActor);
        Sys.DeadLetterCount.Should().Be(before + 1);
        AwaitCondition(() => Logs.Entries.Any(e => e.Message.Contains("Dead letter") && e.ActorPath == actor.Path.ToString()));
    }

    [Fact]
    public void Unknown_path_and_no_sender_replies_must_become_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.ActorSelection("/user/nobody-here").Tell("lost", TestActor);
        ExpectMsg<DeadLetter>().Message.Should().Be("lost");
        var echo = ActorOf(Props.Create<EchoActor>());
        echo.Tell("no sender", null);
        ExpectMsg<DeadLetter>(d => d.Message is "no sender").Sender.Should().Be(echo);
    }

    [Fact]
    public void Logging_must_stop_after_the_configured_number_of_dead_letters()
    {
        for (var i = 0; i < 15; i++) Sys.DeadLetters.Tell(i, null);
        Sys.DeadLetterCount.Should().Be(15);
        Logs.Entries.Count(e => e.Message.StartsWith("Dead letter", StringComparison.Ordinal)).Should().Be(10);
        Logs.Entries.Should().ContainSingle(e => e.Message.Contains("no more will be logged"));
    }

    [Fact]
    public async Task Terminate_must_stop_children_before_parents_and_complete_WhenTerminated()
    {
        var events = new ConcurrentQueue<string>();
        ActorOf(Props.Create(() => new Tree(events, 2, "x")), "x");
        ActorOf(Props.Create(() => new Tree(events, 1, "y")), "y");
        AwaitCondition(() => events.Count == 10);
        await Sys.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        Sys.WhenTerminated.IsCompletedSuccessfully.Should().BeTrue();
        events.Count(e => e.StartsWith("stop:", StringComparison.Ordinal)).Should().Be(10);
        Tree.AssertChildrenStoppedFirst(events);
        FluentActions.Invoking(() => Sys.ActorOf(Props.Create<EchoActor>())).Should().Throw<InvalidOperationException>();
    }
}
