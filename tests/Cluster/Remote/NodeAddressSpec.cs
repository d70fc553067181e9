using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Tests.Remote;

public class NodeAddressSpec
{
    [Theory]
    [InlineData("troupe://sys@127.0.0.1:2552", "sys", "127.0.0.1", 2552)]
    [InlineData("troupe://my-sys@worker-1.local:1/user/a", "my-sys", "worker-1.local", 1)]
    [InlineData("troupe://s@[::1]:80", "s", "::1", 80)]
    public void Parse_must_read_system_host_and_port(string text, string system, string host, int port)
    {
        NodeAddress.Parse(text).Should().Be(new NodeAddress(system, host, port));
    }

    [Fact]
    public void ToString_must_round_trip_through_Parse()
    {
        var address = new NodeAddress("sys", "::1", 9);
        NodeAddress.Parse(address.ToString()).Should().Be(address);
        NodeAddress.FromProto(address.ToProto()).Should().Be(address);
    }

    [Theory]
    [InlineData("akka.tcp://sys@h:1")]
    [InlineData("troupe://h:1")]
    [InlineData("troupe://sys@h")]
    [InlineData("troupe://sys@h:port")]
    public void Parse_must_refuse_malformed_addresses(string text)
    {
        var act = () => NodeAddress.Parse(text);
        act.Should().Throw<FormatException>().WithMessage("expected *");
    }

    [Fact]
    public void Ordering_must_be_host_then_port_then_system()
    {
        var a = new NodeAddress("z", "10.0.0.1", 9000);
        var b = new NodeAddress("a", "10.0.0.1", 9001);
        var c = new NodeAddress("a", "10.0.0.2", 1);
        new[] { c, b, a }.Order().Should().Equal(a, b, c);
    }

    [Fact]
    public void UniqueAddress_must_refuse_a_zero_uid()
    {
        var act = () => new UniqueAddress(new NodeAddress("s", "h", 1), 0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
