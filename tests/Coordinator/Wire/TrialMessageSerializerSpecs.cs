using Troupe.Node.Transfer;
using Troupe.Training.Experiments;
using Troupe.Training.Tuning;
using Troupe.Worker.Protocol;
using Troupe.Worker.Protocol.Wire;

namespace Troupe.Coordinator.Tests.Wire;

/// <summary>The wire form of the coordinator ↔ worker records (trials.proto through <see cref="TrialMessageSerializer"/>).</summary>
public sealed class TrialMessageSerializerSpecs : IDisposable
{
    private readonly ActorSystem system = ActorSystem.Create("wire", TrialMessageSerializer.Config.WithFallback(Troupe.Node.NodeConfig.Actors));
    private readonly TrialMessageSerializer serializer;

    public TrialMessageSerializerSpecs()
    {
        serializer = (TrialMessageSerializer)system.Serialization.FindSerializerForType(typeof(StartTrial));
    }

    private static readonly FencingToken Fence = new("trial-0003", 2);

    private BlobOffer Offer(byte[] bytes) => BlobTransfer.Offer(system, bytes).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().Offer;

    private byte[] Received(BlobOffer offer) => BlobTransfer.ReceiveToMemory(system, offer).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();

    private T RoundTrip<T>(T message) where T : notnull
    {
        var found = system.Serialization.FindSerializerFor(message);
        found.Identifier.Should().Be(TrialMessageSerializer.Id);
        var bytes = found.ToBinary(message);
        return (T)system.Serialization.Deserialize(bytes, found.Identifier, Akka.Serialization.Serialization.ManifestFor(found, message));
    }

    [Fact]
    public void TrialMessageSerializer_must_carry_a_start_with_its_assignment_and_a_30_MB_checkpoint_as_an_offer_not_as_bytes()
    {
        var checkpoint = new byte[30 * 1024 * 1024];
        new Random(7).NextBytes(checkpoint);
        var trial = new TrialAssignment("trial-0003", "lmmodel7", new Dictionary<string, double> { ["lr"] = 0.01, ["n_hidden"] = 16 },
            new DataSpec(DataKind.Text, "corpus.txt", TokenizerKind.Char), "/data", 42, 3, 64, 16, LrSchedule.Constant, 1234567890123UL, true, 2);
        var start = new StartTrial(Fence, trial, Offer(checkpoint), system.DeadLetters);

        serializer.ToBinary(start).Length.Should().BeLessThan(4096, "the checkpoint travels as a stream, not inside the message");
        var back = RoundTrip(start);

        back.Fence.Should().Be(Fence);
        back.Checkpoint!.Length.Should().Be(checkpoint.Length);
        Received(back.Checkpoint).Should().Equal(checkpoint);
        back.Trial.Should().BeEquivalentTo(trial);
        back.Trial.Data.Should().Be(trial.Data);
    }

    [Fact]
    public void TrialMessageSerializer_must_carry_epoch_metrics_bit_for_bit_and_a_start_without_checkpoint()
    {
        var metrics = new EpochMetrics(4, 1.0 / 3, null, new Dictionary<string, double> { ["accuracy"] = Math.PI, ["perplexity"] = double.MaxValue }, 2.5, 4096, 1638.4);
        var back = RoundTrip(new EpochCompleted(Fence, metrics, Offer([1, 2, 3])));

        back.Metrics.SameResultsAs(metrics).Should().BeTrue();
        back.Metrics.ValidLoss.Should().BeNull();
        Received(back.Checkpoint).Should().Equal(1, 2, 3);
        var trial = new TrialAssignment("t", "noop", new Dictionary<string, double>(), new DataSpec(DataKind.HumanNumbers), null, 1, 1, 64, 16, LrSchedule.OneCycle, 1, false, 1);
        RoundTrip(new StartTrial(Fence, trial, null, system.DeadLetters)).Checkpoint.Should().BeNull();
    }

    [Fact]
    public void TrialMessageSerializer_must_carry_a_transfer_trials_unfreezing_and_init_from()
    {
        var trial = new TrialAssignment("trial-0000", "awd_lstm_clas", new Dictionary<string, double> { ["emb_sz"] = 8 }, new DataSpec(DataKind.Csv, "texts.csv"),
            "/specs", 0, 5, 32, 70, LrSchedule.OneCycle, 9, false, 1, UnfreezeKind.Gradual, "/runs/2/best/encoder");

        var back = RoundTrip(new StartTrial(Fence, trial, null, system.DeadLetters)).Trial;

        back.Unfreeze.Should().Be(UnfreezeKind.Gradual);
        back.InitFrom.Should().Be("/runs/2/best/encoder");
        back.Data.Should().Be(trial.Data);
        RoundTrip(new StartTrial(Fence, trial with { Data = new DataSpec(DataKind.Csv, "texts.csv", ValidPct: 0.1) }, null, system.DeadLetters)).Trial.Data
            .Should().Be(new DataSpec(DataKind.Csv, "texts.csv", ValidPct: 0.1));
        RoundTrip(new StartTrial(Fence, trial with { InitFrom = null, Unfreeze = UnfreezeKind.None }, null, system.DeadLetters)).Trial
            .Should().Match<TrialAssignment>(t => t.InitFrom == null && t.Unfreeze == UnfreezeKind.None);
    }

    [Fact]
    public void TrialMessageSerializer_must_carry_every_other_trial_message()
    {
        RoundTrip(new RegisterWorker("10.0.0.2:2552", 4, system.DeadLetters)).Should().Match<RegisterWorker>(m => m.WorkerId == "10.0.0.2:2552" && m.Slots == 4);
        RoundTrip(new WorkerRegistered("w")).Should().Be(new WorkerRegistered("w"));
        RoundTrip(new StopTrial(Fence, "early")).Should().Be(new StopTrial(Fence, "early"));
        RoundTrip(new TrialProgress(Fence, 1, 2, 3, true, null)).Should().Be(new TrialProgress(Fence, 1, 2, 3, true, null));
        RoundTrip(new TrialProgress(Fence, 1, 2, 3, false, 0.5)).Loss.Should().Be(0.5);
        RoundTrip(new TrialFailed(Fence, "w", "boom")).Should().Be(new TrialFailed(Fence, "w", "boom"));
        RoundTrip(new TrialStarted(Fence, "w", system.DeadLetters)).Should().Match<TrialStarted>(m => m.Fence == Fence && m.WorkerId == "w");
    }

    [Fact]
    public void TrialMessageSerializer_must_carry_a_replica_group_per_replica_throughput_and_a_replica_finish()
    {
        var trial = new TrialAssignment("t", "lmmodel6", new Dictionary<string, double>(), new DataSpec(DataKind.HumanNumbers), null, 1, 1, 64, 16, LrSchedule.OneCycle, 1, false, 1)
        {
            Group = new ReplicaGroup("t#2", 1, 2, "10.0.0.3", 41234, TimeSpan.FromSeconds(45)),
        };
        var metrics = new EpochMetrics(0, 2.5, 2.0, new Dictionary<string, double>(), 3, 2048, 700)
        {
            Replicas = [new(0, 1024, 2.9, 0.25), new(1, 1024, 3.0, 0.5)],
        };

        RoundTrip(new StartTrial(Fence, trial, null, system.DeadLetters)).Trial.Group.Should().Be(trial.Group);
        RoundTrip(new EpochCompleted(Fence, metrics, Offer([]))).Metrics.Replicas.Should().Equal(metrics.Replicas);
        RoundTrip(new ReplicaFinished(Fence, 3, "w")).Should().Be(new ReplicaFinished(Fence, 3, "w"));
    }

    [Theory]
    [InlineData(2, 2, "*rank in [0, 2)*")]
    [InlineData(0, 1, "*world size >= 2*")]
    public void TrialMessageSerializer_must_reject_an_impossible_replica_group(int rank, int world, string message)
    {
        var data = new Troupe.Protocol.Trials.StartTrialData
        {
            Fence = new Troupe.Protocol.Trials.FenceData { TrialId = "t", Attempt = 1 },
            ReportTo = Akka.Serialization.Serialization.SerializedActorPath(system.DeadLetters),
            Trial = new Troupe.Protocol.Trials.TrialAssignmentData
            {
                TrialId = "t", Model = "lmmodel6", Data = new Troupe.Protocol.Trials.DataSpecData(), Epochs = 1, BatchSize = 64, SeqLen = 16,
                Group = new Troupe.Protocol.Trials.ReplicaGroupData { GroupId = "t#1", Rank = rank, WorldSize = world, RendezvousHost = "h", RendezvousPort = 1, TimeoutMs = 1000 },
            },
        };
        var act = () => serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(data), "ST");
        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void TrialMessageSerializer_must_reject_a_malformed_message_with_a_clear_error()
    {
        var bad = new Troupe.Protocol.Trials.StopTrialData { Fence = new Troupe.Protocol.Trials.FenceData { TrialId = "trial-0001", Attempt = 0 }, Reason = "x" };
        var act = () => serializer.FromBinary(Google.Protobuf.MessageExtensions.ToByteArray(bad), "SP");
        act.Should().Throw<InvalidDataException>().WithMessage("*fencing token*");
        var unknown = () => serializer.FromBinary([], "??");
        unknown.Should().Throw<InvalidOperationException>().WithMessage("*manifest*");
    }

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
