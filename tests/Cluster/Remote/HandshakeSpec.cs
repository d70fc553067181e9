using System.IO.Pipelines;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Framing;
using Troupe.Cluster.Remote.Handshake;

namespace Troupe.Cluster.Tests.Remote;

public class HandshakeSpec
{
    private static readonly UniqueAddress Initiator = new(new NodeAddress("sys", "10.0.0.1", 2552), 11);
    private static readonly UniqueAddress Acceptor = new(new NodeAddress("sys", "10.0.0.2", 2552), 22);

    private static async Task<(Task<UniqueAddress> Initiated, Task<UniqueAddress> Accepted)> RunAsync(
        string initiatorSecret, string acceptorSecret, NodeAddress? target = null, Func<UniqueAddress, bool>? acceptorQuarantine = null)
    {
        var toAcceptor = new Pipe();
        var toInitiator = new Pipe();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var initiated = HandshakeProtocol.InitiateAsync(new FrameReader(toInitiator.Reader, 4096), new FrameWriter(toAcceptor.Writer, 4096),
            ClusterSecret.FromText(initiatorSecret), Initiator, target ?? Acceptor.Address, _ => false, timeout.Token);
        var accepted = HandshakeProtocol.AcceptAsync(new FrameReader(toAcceptor.Reader, 4096), new FrameWriter(toInitiator.Writer, 4096),
            ClusterSecret.FromText(acceptorSecret), Acceptor, acceptorQuarantine ?? (_ => false), timeout.Token);
        // Whichever side fails first closes its writer, as a real connection would.
        _ = initiated.ContinueWith(_ => toAcceptor.Writer.Complete(), TaskScheduler.Default);
        _ = accepted.ContinueWith(_ => toInitiator.Writer.Complete(), TaskScheduler.Default);
        await Task.WhenAny(Task.WhenAll(initiated, accepted), Task.Delay(TimeSpan.FromSeconds(10)));
        return (initiated, accepted);
    }

    [Fact]
    public async Task Handshake_must_exchange_uids_when_both_know_the_secret()
    {
        var (initiated, accepted) = await RunAsync("shared-secret", "shared-secret");
        (await initiated).Should().Be(Acceptor);
        (await accepted).Should().Be(Initiator);
    }

    [Fact]
    public async Task Handshake_must_fail_on_both_sides_with_a_clear_reason_when_secrets_differ()
    {
        var (initiated, accepted) = await RunAsync("shared-secret", "other-secret");
        // The initiator checks the acceptor's proof first and refuses; the acceptor learns why.
        (await initiated.Invoking(t => t).Should().ThrowAsync<HandshakeException>()).WithMessage("wrong cluster secret*");
        (await accepted.Invoking(t => t).Should().ThrowAsync<HandshakeException>()).WithMessage("handshake refused by the peer: wrong cluster secret*")
            .Which.ByPeer.Should().BeTrue();
    }

    [Fact]
    public async Task Handshake_must_refuse_a_different_actor_system_name()
    {
        var (initiated, accepted) = await RunAsync("shared-secret", "shared-secret", target: new NodeAddress("other", "10.0.0.2", 2552));
        (await accepted.Invoking(t => t).Should().ThrowAsync<HandshakeException>()).WithMessage("expected actor system 'sys'*");
        (await initiated.Invoking(t => t).Should().ThrowAsync<HandshakeException>()).WithMessage("handshake refused by the peer: expected actor system*");
    }

    [Fact]
    public async Task Handshake_must_refuse_a_quarantined_incarnation_and_say_so()
    {
        var (initiated, accepted) = await RunAsync("shared-secret", "shared-secret", acceptorQuarantine: u => u == Initiator);
        (await accepted.Invoking(t => t).Should().ThrowAsync<HandshakeException>()).Which.Quarantined.Should().BeTrue();
        var refused = (await initiated.Invoking(t => t).Should().ThrowAsync<HandshakeException>()).Which;
        refused.Quarantined.Should().BeTrue();
        refused.ByPeer.Should().BeTrue();
    }

    [Fact]
    public void Proofs_must_differ_by_role_and_by_nonce()
    {
        var secret = ClusterSecret.FromText("shared-secret");
        var n1 = HandshakeMac.NewNonce();
        var n2 = HandshakeMac.NewNonce();
        var initiator = HandshakeMac.Initiator(secret, n1, n2, 1, 2);
        HandshakeMac.Acceptor(secret, n1, n2, 1, 2).Should().NotEqual(initiator);
        HandshakeMac.Initiator(secret, n2, n1, 1, 2).Should().NotEqual(initiator);
        HandshakeMac.Initiator(secret, n1, n2, 1, 2).Should().Equal(initiator);
    }

    [Fact]
    public void Secret_must_come_from_configuration_before_the_environment()
    {
        ClusterSecret.Resolve("configured-secret").ToString().Should().Be("ClusterSecret(17 bytes)");
        var act = () => ClusterSecret.FromText("short");
        act.Should().Throw<ArgumentException>().WithMessage("expected a cluster secret of at least 8 characters, got 5*");
    }
}
