namespace Troupe.Actors.Tests.Events;

public class EventStreamSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private interface IEvent;
    private record BaseEvent(int N) : IEvent;
    private sealed record DerivedEvent(int N) : BaseEvent(N);

    [Fact]
    public void Publish_must_reach_subscribers_of_the_type_its_bases_and_interfaces_once_each()
    {
        var byBase = CreateTestProbe();
        var byInterface = CreateTestProbe();
        Sys.EventStream.Subscribe(byBase.Ref, typeof(BaseEvent)).Should().BeTrue();
        Sys.EventStream.Subscribe(byBase.Ref, typeof(BaseEvent)).Should().BeFalse();
        Sys.EventStream.Subscribe(byInterface.Ref, typeof(IEvent));
        Sys.EventStream.Subscribe(byInterface.Ref, typeof(DerivedEvent));

        Sys.EventStream.Publish(new DerivedEvent(1));
        byBase.ExpectMsg(new DerivedEvent(1));
        byInterface.ExpectMsg(new DerivedEvent(1));
        Sys.EventStream.Publish("unrelated");
        Sys.EventStream.Publish(new BaseEvent(2));
        byBase.ExpectMsg(new BaseEvent(2));
        byInterface.ExpectMsg(new BaseEvent(2));
        byInterface.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribe_must_stop_delivery_and_a_stopped_subscriber_must_be_removed()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(string));
        Sys.EventStream.Unsubscribe(probe.Ref, typeof(string)).Should().BeTrue();
        Sys.EventStream.Publish("gone");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        Sys.EventStream.Subscribe(probe.Ref, typeof(string));
        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);
        Sys.EventStream.Unsubscribe(probe.Ref, typeof(string)).Should().BeFalse("the runtime unsubscribed it when it stopped");
    }
}
