using Akka.Event;
using Troupe.Coordinator.Reporting;
using Troupe.Coordinator.Sweep;
using Troupe.Coordinator.Tests.Support;

namespace Troupe.Coordinator.Tests.Sweep;

/// <summary>Who hears a sweep's events: subscribers are watched, and one that stopped hears nothing more.</summary>
public sealed class SweepSubscriberSpecs(ITestOutputHelper output) : SweepSpecsBase(output)
{
    private const string Noop = """
        name: subscribers
        data: { kind: human-numbers }
        model: noop
        train: { epochs: 2, batch_size: 64, seq_len: 16 }
        params:
          x: grid(1, 2, 3)
          seconds: 0.05
        """;

    [Fact]
    public void Coordinator_must_forget_a_subscriber_that_stopped_and_send_it_nothing_more()
    {
        var gone = CreateTestProbe();
        var staying = CreateTestProbe();
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var coordinator = StartCoordinator(Spec(Noop), Folder.Sub("run"), gone.Ref);
        coordinator.Tell(new SubscribeSweep(staying.Ref));
        coordinator.Tell(new SubscribeSweep(staying.Ref));   // twice: still one subscription
        gone.ExpectMsg<SweepStarted>(SweepTimeout);
        Watch(gone.Ref);
        Sys.Stop(gone.Ref);
        ExpectTerminated(gone.Ref, SweepTimeout);
        // The coordinator's own Terminated for it is a system message: handled before this round trip's answer.
        coordinator.Tell(new Identify("after-stop"), TestActor);
        ExpectMsg<ActorIdentity>(SweepTimeout);

        StartWorker(coordinator, "w1");
        AwaitSweep(coordinator);

        var heard = EventsUntilFinished(staying);
        heard.OfType<TrialCompleted>().Should().HaveCount(3, "the staying subscriber hears each trial once, not twice");
        deadLetters.ReceiveWhile<DeadLetter>(m => (DeadLetter)m, TimeSpan.FromMilliseconds(500))
            .Where(d => d.Recipient.Equals(gone.Ref) && d.Message is SweepEvent)
            .Should().BeEmpty("a stopped subscriber is forgotten, not sent every later event");
    }
}
