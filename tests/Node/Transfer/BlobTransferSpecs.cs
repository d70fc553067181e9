using System.Security.Cryptography;
using Akka.Cluster;
using Troupe.Node.Tests.InProcess;
using Troupe.Node.Transfer;
using static Akka.Cluster.ClusterEvent;

namespace Troupe.Node.Tests.Transfer;

/// <summary>
/// Checkpoint-sized payloads between cluster nodes in this process (TLS, the tight failure detector as deployed:
/// heartbeats every 250 ms, 1 s acceptable pause), each offer crossing as a serialized stream ref (<see cref="BlobRefWire"/>), so the
/// chunks travel over Akka.Remote like between machines.
/// </summary>
[Collection(TransferCollection.Name)]
public sealed class BlobTransferSpecs : TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private const double Pause = 1.0; // tight's own, not the membership specs' 1.5 s: the transfer must keep heartbeats flowing
    private readonly ClusterNodes nodes = new(Pause);
    private readonly Cluster coordinator;
    private readonly string folder = Directory.CreateTempSubdirectory("troupe-blob-").FullName;

    public BlobTransferSpecs(ITestOutputHelper output) : base(ClusterNodes.Setup("coordinator", pauseSeconds: Pause), ClusterNodeOptions.SystemName, output)
    {
        coordinator = Cluster.Get(Sys);
        coordinator.Join(coordinator.SelfAddress);
    }

    private ActorSystem Worker()
    {
        var worker = nodes.Start("worker", coordinator.SelfAddress);
        AwaitAssert(() => coordinator.State.Members.Where(m => m.Status == MemberStatus.Up).Should().Contain(m => m.Address.Equals(Cluster.Get(worker).SelfAddress)), Bound);
        return worker;
    }

    // The offer as the other node sees it: its stream ref through Akka's serializer, resolved there as a remote ref.
    private static BlobOffer Across(BlobOffer offer, ActorSystem from, ActorSystem to)
    {
        var (bytes, id, manifest) = BlobRefWire.ToBinary(from, offer.Chunks);
        return offer with { Chunks = BlobRefWire.FromBinary(to, bytes, id, manifest) };
    }

    private static byte[] Payload(int megabytes)
    {
        var bytes = new byte[megabytes << 20];
        new Random(megabytes).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Transfer_must_move_256_MB_between_nodes_checksummed_while_the_failure_detector_stays_quiet()
    {
        var worker = Worker();
        var unreachable = CreateTestProbe();
        coordinator.Subscribe(unreachable, InitialStateAsEvents, typeof(UnreachableMember));
        var payload = Payload(256);
        var sending = await BlobTransfer.Offer(worker, payload);
        var path = Path.Combine(folder, "checkpoints", "epoch-0001.ckpt");

        var received = await BlobTransfer.ReceiveToFile(Sys, Across(sending.Offer, worker, Sys), path).WaitAsync(Bound);

        received.Should().Be(256L << 20);
        await sending.Completion.WaitAsync(Bound);
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))).Should().Be(Convert.ToHexStringLower(SHA256.HashData(payload)));
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Should().ContainSingle("no part file stays behind");
        unreachable.ExpectNoMsg(TimeSpan.FromSeconds(1));
        coordinator.State.Unreachable.Should().BeEmpty("heartbeats must keep flowing beside the chunks");
    }

    [Fact]
    public async Task Receiver_must_keep_nothing_when_the_sender_node_dies_mid_transfer()
    {
        var worker = Worker();
        var path = Path.Combine(folder, "epoch-0002.ckpt");
        var (_, receiving) = await Halfway(worker, Sys, path);

        _ = worker.Terminate();

        var failure = await FluentActions.Awaiting(() => receiving.WaitAsync(Bound)).Should().ThrowAsync<BlobTransferException>();
        failure.Which.Message.Should().StartWith("expected 268435456 bytes, got ");
        File.Exists(path).Should().BeFalse("a transfer cut short must leave nothing at the checkpoint's path");
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Should().BeEmpty("the part file is deleted");
    }

    [Fact]
    public async Task Sender_must_learn_that_the_receiver_node_died_mid_transfer_and_nothing_is_accepted()
    {
        var (sender, receiver) = (Worker(), Worker());
        var path = Path.Combine(folder, "epoch-0003.ckpt");
        var (sending, _) = await Halfway(sender, receiver, path);

        await receiver.Terminate().WaitAsync(Bound);

        await FluentActions.Awaiting(() => sending.Completion.WaitAsync(Bound)).Should().ThrowAsync<Exception>("the sender's stream must fail, not wait forever");
        // Like a kill -9, the stopped node leaves its part file: never at the checkpoint's path, swept at the next start.
        File.Exists(path).Should().BeFalse("a transfer cut short must leave nothing at the checkpoint's path");
        BlobTransfer.RemoveStaleParts(folder).Should().Be(1);
    }

    [Theory]
    [InlineData("length")]
    [InlineData("sha")]
    public async Task Receiver_must_refuse_bytes_that_are_not_the_offered_ones(string wrong)
    {
        var worker = Worker();
        var payload = Payload(3);
        var sending = await BlobTransfer.Offer(worker, payload);
        var offer = wrong == "length" ? sending.Offer with { Length = payload.Length + 1 } : sending.Offer with { Sha256 = new string('0', 64) };
        var path = Path.Combine(folder, "epoch-0004.ckpt");

        var failure = await FluentActions.Awaiting(() => BlobTransfer.ReceiveToFile(Sys, Across(offer, worker, Sys), path).WaitAsync(Bound))
            .Should().ThrowAsync<BlobTransferException>();

        failure.Which.Message.Should().Contain(wrong == "length" ? $"expected {payload.Length + 1} bytes, got {payload.Length}" : $"expected SHA-256 {new string('0', 64)}, got ");
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task OfferFile_must_stream_a_file_that_arrives_identical()
    {
        var worker = Worker();
        var source = Path.Combine(folder, "source.ckpt");
        var payload = Payload(5);
        await File.WriteAllBytesAsync(source, payload);
        var sending = await BlobTransfer.OfferFile(Sys, source);
        var path = Path.Combine(folder, "out", "epoch-0005.ckpt");

        await BlobTransfer.ReceiveToFile(worker, Across(sending.Offer, Sys, worker), path).WaitAsync(Bound);

        (await File.ReadAllBytesAsync(path)).Should().Equal(payload);
    }

    [Fact]
    public void RemoveStaleParts_must_delete_only_part_files()
    {
        Directory.CreateDirectory(Path.Combine(folder, "t1"));
        File.WriteAllText(Path.Combine(folder, "t1", "epoch-0001.ckpt"), "whole");
        File.WriteAllText(Path.Combine(folder, "t1", "epoch-0002.ckpt" + BlobTransfer.PartInfix + "abc"), "half");

        BlobTransfer.RemoveStaleParts(folder).Should().Be(1);

        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Should().Equal("epoch-0001.ckpt");
    }

    // A 256 MB transfer from one node to another, once its first megabyte is on the receiver's disk.
    private async Task<(BlobSending Sending, Task<long> Receiving)> Halfway(ActorSystem from, ActorSystem to, string path)
    {
        var sending = await BlobTransfer.Offer(from, Payload(256));
        var receiving = BlobTransfer.ReceiveToFile(to, Across(sending.Offer, from, to), path);
        await AwaitConditionAsync(() => Task.FromResult(PartBytes() > 1L << 20 || receiving.IsCompleted), Bound, TimeSpan.FromMilliseconds(5));
        receiving.IsCompleted.Should().BeFalse($"the transfer must still run, got {receiving.Exception?.InnerException?.Message}");
        return (sending, receiving);
    }

    private long PartBytes() =>
        Directory.GetFiles(folder, "*" + BlobTransfer.PartInfix + "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    protected override void AfterAll()
    {
        nodes.Dispose();
        Directory.Delete(folder, recursive: true);
        base.AfterAll();
    }
}
