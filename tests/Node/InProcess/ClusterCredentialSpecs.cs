using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Cluster;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Node.Tests.InProcess;

/// <summary>
/// The cluster secret as the TLS credential (<see cref="ClusterCredential"/>): the test system is a coordinator node of
/// secret <see cref="ClusterNodes.Secret"/>; nodes of another secret can neither join it nor deliver a message to it.
/// </summary>
public sealed class ClusterCredentialSpecs : TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(6);
    private readonly ClusterNodes nodes = new();
    private readonly Cluster coordinator;

    public ClusterCredentialSpecs(ITestOutputHelper output) : base(ClusterNodes.Setup("coordinator"), ClusterNodeOptions.SystemName, output)
    {
        coordinator = Cluster.Get(Sys);
        coordinator.Join(coordinator.SelfAddress);
        Sys.ActorOf(Props.Create(() => new Forward(TestActor)), "inbox");
        AwaitAssert(() => coordinator.SelfMember.Status.Should().Be(MemberStatus.Up), Bound);
    }

    [Fact]
    public void ClusterCredential_must_accept_certificates_tagged_for_its_secret_only()
    {
        var ours = ClusterCredential.FromSecret("the-secret");
        var peer = ClusterCredential.FromSecret("the-secret");
        var stranger = ClusterCredential.FromSecret("another-secret");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var untagged = new CertificateRequest("CN=troupe-node", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        ours.Accepts(peer.Certificate).Should().BeTrue("same secret, another key pair");
        ours.Accepts(stranger.Certificate).Should().BeFalse();
        ours.Accepts(untagged).Should().BeFalse();
        ours.Accepts(null).Should().BeFalse();
        peer.Certificate.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void A_node_without_the_secret_must_not_join_while_one_with_it_does()
    {
        coordinator.Subscribe(TestActor, InitialStateAsEvents, typeof(MemberJoined), typeof(MemberUp));
        FishForMessage<MemberUp>(m => m.Member.Address.Equals(coordinator.SelfAddress), Bound);

        var stranger = nodes.Start("worker", coordinator.SelfAddress, secret: "not-the-cluster-secret");
        ExpectNoMsg(Quiet);
        var member = nodes.Start("worker", coordinator.SelfAddress);

        var up = FishForMessage<MemberUp>(_ => true, Bound);
        up.Member.Address.Should().Be(Cluster.Get(member).SelfAddress);
        coordinator.State.Members.Select(m => m.Address).Should().NotContain(Cluster.Get(stranger).SelfAddress);
    }

    [Theory]
    [InlineData(ClusterNodes.Secret, true)]
    [InlineData("not-the-cluster-secret", false)]
    public async Task A_remote_system_must_deliver_a_message_only_with_the_secret(string secret, bool delivered)
    {
        var remoteOnly = ConfigurationFactory.ParseString("akka.actor.provider = remote").WithFallback(ClusterNodes.Config("worker"));
        var sender = NodeSystem.Create("sender", remoteOnly, NullLoggerFactory.Instance, secret);
        try
        {
            sender.ActorSelection(new RootActorPath(coordinator.SelfAddress) / "user" / "inbox").Tell("hello");

            if (delivered) ExpectMsg("hello", Bound);
            else ExpectNoMsg(Quiet);
        }
        finally
        {
            await sender.Terminate().WaitAsync(Bound);
        }
    }

    protected override void AfterAll()
    {
        nodes.Dispose();
        base.AfterAll();
    }

    private sealed class Forward : ReceiveActor
    {
        public Forward(IActorRef to) => ReceiveAny(m => to.Tell(m));
    }
}
