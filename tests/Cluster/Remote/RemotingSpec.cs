using Google.Protobuf;
using Troupe.Actors;
using Troupe.Cluster.Remote.Actors;
using Troupe.Cluster.Serialization;
using Troupe.Cluster.Tests.Support;
using Troupe.Protocol.Cluster;
using Xunit.Abstractions;

namespace Troupe.Cluster.Tests.Remote;

public sealed class RemotingSpec : TestKit.TestKit, IDisposable
{
    private readonly ActorSystem _other;

    public RemotingSpec(ITestOutputHelper output) : base(output, RemoteSystems.Settings(), "local")
    {
        _other = RemoteSystems.Create("other");
        _other.ActorOf(Props.Create(() => new Echo()), "echo");
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(s => s == "who", _ => Sender.Tell(Self));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("boom"))));
            Receive<IActorRef>(r => r.Tell("via ref", Self));
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    private string OtherPath(string path) => $"{_other.Address}{path}";

    [Fact]
    public void Remote_ref_must_take_the_same_Tell_and_reply_to_the_sender()
    {
        _other.Address.Host.Should().Be("127.0.0.1");
        Sys.ActorSelection(OtherPath("/user/echo")).Tell("hello", TestActor);
        ExpectMsg("hello");
        LastSender.Should().BeOfType<RemoteActorRef>();
        LastSender.Path.ToString().Should().Be(OtherPath("/user/echo"));
    }

    [Fact]
    public async Task Remote_refs_must_survive_a_round_trip_through_messages()
    {
        var echo = await Sys.ActorSelection(OtherPath("/user/echo")).ResolveOne(TimeSpan.FromSeconds(5));
        echo.Should().BeOfType<RemoteActorRef>();
        echo.Tell("who", TestActor);
        ExpectMsg<IActorRef>().Should().Be(echo);
        echo.Tell(TestActor, TestActor);   // a local ref travels out and comes back as the same local ref
        ExpectMsg("via ref");
        LastSender.Should().Be(echo);
    }

    [Fact]
    public void Protobuf_and_runtime_messages_must_cross_nodes()
    {
        var echo = Sys.ActorSelection(OtherPath("/user/echo"));
        var join = new Join { Node = Sys.Remote().SelfUniqueAddress.ToProto() };
        join.Roles.Add("worker");
        echo.Tell(join, TestActor);
        ExpectMsg<Join>().Should().Be(join);
        echo.Tell(42L, TestActor);
        ExpectMsg(42L);
        echo.Tell(new byte[] { 1, 2, 3 }, TestActor);
        ExpectMsg<byte[]>().Should().Equal(1, 2, 3);
        echo.Tell("fail", TestActor);
        ExpectMsg<Status.Failure>().Cause.Should().BeOfType<RemoteException>().Which.Message.Should().Be("System.InvalidOperationException: boom");
    }

    [Fact]
    public async Task Ask_must_work_across_nodes()
    {
        var echo = await Sys.ActorSelection(OtherPath("/user/echo")).ResolveOne(TimeSpan.FromSeconds(5));
        (await echo.Ask<string>("ping", TimeSpan.FromSeconds(5))).Should().Be("ping");
    }

    [Fact]
    public async Task Remote_death_watch_must_deliver_Terminated_when_the_remote_actor_stops()
    {
        var echo = await Sys.ActorSelection(OtherPath("/user/echo")).ResolveOne(TimeSpan.FromSeconds(5));
        Watch(echo);
        echo.Tell(PoisonPill.Instance, TestActor);
        ExpectTerminated(echo).ExistenceConfirmed.Should().BeTrue();
    }

    [Fact]
    public void Remote_death_watch_must_deliver_Terminated_for_an_actor_that_never_existed()
    {
        var ghost = Sys.Provider.ResolveActorRef(ActorPath.Parse(OtherPath("/user/ghost#77")));
        Watch(ghost);
        ExpectTerminated(ghost).ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task Inbound_recipient_cache_must_not_outlive_the_actor_a_path_names()
    {
        var echo = await Sys.ActorSelection(OtherPath("/user/echo")).ResolveOne(TimeSpan.FromSeconds(5));
        echo.Tell("one", TestActor);
        ExpectMsg("one");                    // the other node now has echo's uid path cached
        Watch(echo);
        echo.Tell(PoisonPill.Instance, TestActor);
        ExpectTerminated(echo);
        AwaitAssert(() => _other.ActorOf(Props.Create(() => new Echo()), "echo"));   // same name, new incarnation
        echo.Tell("two", TestActor);         // the old uid: dead letters, not the new echo
        Sys.ActorSelection(OtherPath("/user/echo")).Tell("three", TestActor);
        ExpectMsg("three");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Sending_a_type_without_a_serializer_must_fail_loudly_at_the_sender()
    {
        var echo = Sys.Provider.ResolveActorRef(ActorPath.Parse(OtherPath("/user/echo")));
        var act = () => echo.Tell(new object(), TestActor);
        act.Should().Throw<InvalidOperationException>().WithMessage("expected a serializer bound to System.Object*");
    }

    [Fact]
    public void Local_refs_must_serialize_with_the_external_address()
    {
        var path = Sys.Provider.SerializeActorRef(TestActor);
        path.Should().StartWith(Sys.Address.ToString()).And.Contain("#");
        Sys.Provider.ResolveActorRef(path).Should().Be(TestActor);
        ByteString.CopyFromUtf8(path).Length.Should().BeGreaterThan(0);
    }

    void IDisposable.Dispose()
    {
        _other.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose();
    }
}
