using System.Collections.Concurrent;
using System.Text;
using Troupe.Actors.Tests.Support;

namespace Troupe.Actors.Tests.Remote;

/// <summary>
/// The extension points Troupe.Cluster builds on, exercised with an in-memory "transport": a provider
/// that answers for an external address and makes remote refs for another one.
/// </summary>
public class RemoteSeamSpecs : TestKit.TestKit
{
    private static readonly Address External = new("troupe", "test", "10.0.0.1", 2552);
    private static readonly Address Other = new("troupe", "other", "10.0.0.2", 2552);

    public RemoteSeamSpecs(ITestOutputHelper output)
        : base(output, ActorSystemSettings.Default with { ProviderFactory = (system, local) => new FakeRemoteProvider(system, local) }) { }

    private FakeRemoteProvider Remote => (FakeRemoteProvider)Sys.Provider;

    /// <summary>A remote ref: records what actor code sends it instead of putting it on a wire.</summary>
    private sealed class FakeRemoteRef(FakeRemoteProvider provider, ActorPath path) : ActorRefBase
    {
        public override ActorPath Path => path;
        public override IActorRefProvider Provider => provider;
        public override bool IsLocal => false;
        public override void Tell(object message, IActorRef? sender) => provider.Wire.Enqueue((path, message, sender));
        public override void SendSystemMessage(ISystemMessage message) => provider.Wire.Enqueue((path, message, null));
        public override void Stop() => provider.Wire.Enqueue((path, "stop", null));
    }

    private sealed class FakeRemoteProvider(ActorSystem system, LocalActorRefProvider local) : IActorRefProvider
    {
        public readonly ConcurrentQueue<(ActorPath To, object Message, IActorRef? Sender)> Wire = new();
        public ActorSystem System => system;
        public Address DefaultAddress => External;
        public ActorPath RootPath => local.RootPath;
        public IActorRef DeadLetters => local.DeadLetters;
        public bool HasAddress(Address address) => address.Equals(External) || local.HasAddress(address);

        public IActorRef ResolveActorRef(ActorPath path) =>
            HasAddress(path.Address) ? local.ResolveLocal(path.Elements, path.Uid) : new FakeRemoteRef(this, path);

        public IActorRef ResolveActorRef(string path) => ResolveActorRef(ActorPath.Parse(path));
        public string SerializeActorRef(IActorRef actorRef) => local.SerializeActorRef(actorRef);
        public IActorRef RootGuardianAt(Address address) => HasAddress(address) ? local.RootGuardianAt(local.RootPath.Address) : new FakeRemoteRef(this, ActorPath.Root(address));
    }

    private sealed class RemoteWatcher : ReceiveActor
    {
        public RemoteWatcher(IActorRef remote, IActorRef probe)
        {
            Context.Watch(remote);
            Receive<Terminated>(t => probe.Tell(t, Self));
            ReceiveAny(m => remote.Tell(m, Self));
        }
    }

    [Fact]
    public void Remote_ref_must_take_the_same_Tell_and_be_watched_through_system_messages()
    {
        var remote = Sys.Provider.ResolveActorRef("troupe://other@10.0.0.2:2552/user/worker#5");
        remote.Should().BeOfType<FakeRemoteRef>();
        var watcher = ActorOf(Props.Create(() => new RemoteWatcher(remote, TestActor)), "watcher");
        watcher.Tell("work");
        AwaitCondition(() => Remote.Wire.Any(w => w.Message is "work" && watcher.Equals(w.Sender)));
        Remote.Wire.Should().Contain(w => w.Message is Watch && ((Watch)w.Message).Watcher.Equals(watcher) && ((Watch)w.Message).Watchee.Equals(remote));
    }

    [Fact]
    public void AddressTerminated_must_terminate_every_watched_ref_at_that_address()
    {
        var remote = Sys.Provider.ResolveActorRef("troupe://other@10.0.0.2:2552/user/worker#5");
        var watcher = ActorOf(Props.Create(() => new RemoteWatcher(remote, TestActor)), "watcher");
        AwaitCondition(() => Remote.Wire.Any(w => w.Message is Watch));   // the watcher subscribed before sending it
        Sys.EventStream.Publish(new AddressTerminated(Other));

        var terminated = ExpectMsg<Terminated>();
        terminated.ActorRef.Should().Be(remote);
        terminated.AddressTerminated.Should().BeTrue();
        terminated.ExistenceConfirmed.Should().BeFalse();
        LastSender.Should().Be(watcher);
    }

    [Fact]
    public void Incoming_remote_watch_must_get_a_DeathWatchNotification_over_the_wire()
    {
        var local = ActorOf(Props.Create<EchoActor>(), "target");
        var remoteWatcher = Sys.Provider.ResolveActorRef("troupe://other@10.0.0.2:2552/user/w#9");
        ((IInternalActorRef)local).SendSystemMessage(new Watch(local, remoteWatcher));
        Watch(local);
        Sys.Stop(local);
        ExpectTerminated(local);
        AwaitCondition(() => Remote.Wire.Any(w => w.To.Equals(remoteWatcher.Path) && w.Message is DeathWatchNotification d && d.Actor.Equals(local)));
    }

    [Fact]
    public void External_address_must_resolve_to_local_actors_and_refs_must_serialize_with_it()
    {
        var local = ActorOf(Props.Create<EchoActor>(), "here");
        var wire = Sys.Serialization.SerializeActorRef(local);
        wire.Should().Be($"troupe://test@10.0.0.1:2552/user/here#{local.Path.Uid}");
        Sys.Serialization.ResolveActorRef(wire).Should().BeSameAs(local);
        Sys.Address.Should().Be(External);
    }

    [Fact]
    public void Selection_with_a_remote_address_must_hand_the_whole_selection_to_the_remote_root()
    {
        Sys.ActorSelection("troupe://other@10.0.0.2:2552/user/a/b").Tell("hi", TestActor);
        AwaitCondition(() => Remote.Wire.Any(w => w.To.IsRoot && w.Message is ActorSelectionMessage { Message: "hi" } s
            && s.Elements.SequenceEqual(new[] { "user", "a", "b" })));
    }

    [Fact]
    public void Incoming_selection_message_must_be_delivered_by_the_local_root()
    {
        var local = ActorOf(Props.Create<EchoActor>(), "sel");
        Sys.Provider.RootGuardianAt(External).Tell(new ActorSelectionMessage("via root", new[] { "user", "sel" }), TestActor);
        ExpectMsg("via root");
        LastSender.Should().Be(local);
    }

    private sealed class Utf8Serializer : ISerializer
    {
        public int Identifier => 100;
        public string Manifest(object message) => "utf8";
        public byte[] ToBinary(object message) => Encoding.UTF8.GetBytes((string)message);
        public object FromBinary(byte[] bytes, string manifest) => Encoding.UTF8.GetString(bytes);
    }

    private interface IMarker;
    private sealed record Marked(string Text) : IMarker;

    private sealed class MarkerSerializer : ISerializer
    {
        public int Identifier => 101;
        public string Manifest(object message) => message.GetType().Name;
        public byte[] ToBinary(object message) => Encoding.UTF8.GetBytes(((Marked)message).Text);
        public object FromBinary(byte[] bytes, string manifest) => new Marked(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialization_must_round_trip_through_the_serializer_bound_to_a_type_or_interface()
    {
        Sys.Serialization.Bind<string>(new Utf8Serializer());
        Sys.Serialization.Bind<IMarker>(new MarkerSerializer());
        var text = Sys.Serialization.Serialize("héllo");
        text.SerializerId.Should().Be(100);
        Sys.Serialization.Deserialize(text).Should().Be("héllo");
        Sys.Serialization.Deserialize(Sys.Serialization.Serialize(new Marked("m"))).Should().Be(new Marked("m"));
        Sys.Serialization.Deserialize(Sys.Serialization.Serialize(new byte[] { 1, 2 })).Should().BeEquivalentTo(new byte[] { 1, 2 });
        FluentActions.Invoking(() => Sys.Serialization.Serialize(42)).Should().Throw<InvalidOperationException>()
            .WithMessage("*expected a serializer bound to System.Int32*");
        FluentActions.Invoking(() => Sys.Serialization.Deserialize(new SerializedMessage(999, "", []))).Should().Throw<InvalidOperationException>()
            .WithMessage("*got 999*");
    }
}
