using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Google.Protobuf;
using Troupe.Node.Transfer;
using Troupe.Protocol.Trials;
using Troupe.Training.Tuning;

namespace Troupe.Worker.Protocol.Wire;

/// <summary>
/// Akka serializer <see cref="Id"/>: the coordinator ↔ worker records of <c>Troupe.Worker.Protocol</c>, mapped to the
/// messages of <c>trials.proto</c> (refs travel as Akka's serialized actor paths with uid; checkpoints as offers: a
/// stream ref written by Akka.Streams' serializer, with length and SHA-256). <see cref="Config"/> registers it and binds every record it carries, so none of them falls back to
/// Akka's Newtonsoft JSON serializer; every node of a cluster runs with it.
/// </summary>
public sealed class TrialMessageSerializer : SerializerWithStringManifest
{
    /// <summary>Akka reserves 0-40 for its own serializers; Troupe's start at 100.</summary>
    public const int Id = 100;

    private static readonly Type[] Bound =
    [
        typeof(RegisterWorker), typeof(WorkerRegistered), typeof(StartTrial), typeof(TrialStarted), typeof(StopTrial),
        typeof(TrialProgress), typeof(EpochCompleted), typeof(TrialFailed),
        typeof(ReplicaFinished),
    ];

    public TrialMessageSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => Id;

    /// <summary>The serializer and its bindings, as HOCON: to be the fallback of every Troupe node's config.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.troupe-trials = "{{Name(typeof(TrialMessageSerializer))}}"
          serialization-bindings {
        {{string.Join("\n", Bound.Select(t => $"    \"{Name(t)}\" = troupe-trials"))}}
          }
        }
        """);

    private static string Name(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public override string Manifest(object message) => message switch
    {
        RegisterWorker => "RW",
        WorkerRegistered => "WR",
        StartTrial => "ST",
        TrialStarted => "TS",
        StopTrial => "SP",
        TrialProgress => "TP",
        EpochCompleted => "EC",
        TrialFailed => "TF",
        ReplicaFinished => "RF",
        _ => throw new ArgumentException($"expected a Troupe.Worker.Protocol message, got {message.GetType().Name}", nameof(message)),
    };

    public override byte[] ToBinary(object message) => ToData(message).ToByteArray();

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "RW" => FromData(RegisterWorkerData.Parser.ParseFrom(bytes)),
        "WR" => new WorkerRegistered(WorkerRegisteredData.Parser.ParseFrom(bytes).WorkerId),
        "ST" => FromData(StartTrialData.Parser.ParseFrom(bytes)),
        "TS" => FromData(TrialStartedData.Parser.ParseFrom(bytes)),
        "SP" => FromData(StopTrialData.Parser.ParseFrom(bytes)),
        "TP" => FromData(TrialProgressData.Parser.ParseFrom(bytes)),
        "EC" => FromData(EpochCompletedData.Parser.ParseFrom(bytes)),
        "TF" => FromData(TrialFailedData.Parser.ParseFrom(bytes)),
        "RF" => FromData(ReplicaFinishedData.Parser.ParseFrom(bytes)),
        _ => throw new InvalidOperationException($"expected a trial message manifest (RW, WR, ST, TS, SP, GS, SR, TP, EC, TF, RF), got '{manifest}'"),
    };

    private IMessage ToData(object message) => message switch
    {
        RegisterWorker m => new RegisterWorkerData { WorkerId = m.WorkerId, Slots = m.Slots, Agent = Ref(m.Agent), Device = m.Device.Name() },
        WorkerRegistered m => new WorkerRegisteredData { WorkerId = m.WorkerId },
        StartTrial m => StartData(m),
        TrialStarted m => new TrialStartedData { Fence = TrialWire.Data(m.Fence), WorkerId = m.WorkerId, ModelActor = Ref(m.ModelActor) },
        StopTrial m => new StopTrialData { Fence = TrialWire.Data(m.Fence), Reason = m.Reason },
        TrialProgress m => ProgressData(m),
        EpochCompleted m => new EpochCompletedData
        {
            Fence = TrialWire.Data(m.Fence), Metrics = TrialWire.Data(m.Metrics), Checkpoint = OfferData(m.Checkpoint),
        },
        TrialFailed m => new TrialFailedData { Fence = TrialWire.Data(m.Fence), WorkerId = m.WorkerId, Reason = m.Reason },
        ReplicaFinished m => new ReplicaFinishedData { Fence = TrialWire.Data(m.Fence), Rank = m.Rank, WorkerId = m.WorkerId },
        _ => throw new ArgumentException($"expected a Troupe.Worker.Protocol message, got {message.GetType().Name}", nameof(message)),
    };

    private StartTrialData StartData(StartTrial m)
    {
        var data = new StartTrialData { Fence = TrialWire.Data(m.Fence), Trial = TrialWire.Data(m.Trial), ReportTo = Ref(m.ReportTo) };
        if (m.Checkpoint is { } c) data.Checkpoint = OfferData(c);
        return data;
    }

    private static TrialProgressData ProgressData(TrialProgress m)
    {
        var data = new TrialProgressData { Fence = TrialWire.Data(m.Fence), Epoch = m.Epoch, Iter = m.Iter, BatchCount = m.BatchCount, Training = m.Training };
        if (m.Loss is { } loss) data.Loss = loss;
        return data;
    }

    private RegisterWorker FromData(RegisterWorkerData d) =>
        new(d.WorkerId, d.Slots, Resolve(d.Agent), d.Device.Length == 0 ? DeviceKind.Cpu : DeviceKinds.Parse(d.Device, "RegisterWorker.device"));

    private StartTrial FromData(StartTrialData d) =>
        new(TrialWire.Fence(d.Fence), TrialWire.Assignment(d.Trial), d.Checkpoint is { } c ? Offer(c) : null, Resolve(d.ReportTo));

    private TrialStarted FromData(TrialStartedData d) => new(TrialWire.Fence(d.Fence), d.WorkerId, Resolve(d.ModelActor));

    private static StopTrial FromData(StopTrialData d) => new(TrialWire.Fence(d.Fence), d.Reason);

    private static TrialProgress FromData(TrialProgressData d) =>
        new(TrialWire.Fence(d.Fence), d.Epoch, d.Iter, d.BatchCount, d.Training, d.HasLoss ? d.Loss : null);

    private EpochCompleted FromData(EpochCompletedData d) =>
        new(TrialWire.Fence(d.Fence), TrialWire.Metrics(d.Metrics), Offer(d.Checkpoint ?? throw new InvalidOperationException("expected an epoch report with a checkpoint offer, got none")));

    private BlobOfferData OfferData(BlobOffer offer)
    {
        var (bytes, id, manifest) = BlobRefWire.ToBinary(system, offer.Chunks);
        return new BlobOfferData { StreamRef = UnsafeByteOperations.UnsafeWrap(bytes), SerializerId = id, Manifest = manifest, Length = offer.Length, Sha256 = offer.Sha256 };
    }

    private BlobOffer Offer(BlobOfferData d) => new(BlobRefWire.FromBinary(system, d.StreamRef.ToByteArray(), d.SerializerId, d.Manifest), d.Length, d.Sha256);

    private static TrialFailed FromData(TrialFailedData d) => new(TrialWire.Fence(d.Fence), d.WorkerId, d.Reason);

    private static ReplicaFinished FromData(ReplicaFinishedData d) =>
        d.Rank >= 1 ? new(TrialWire.Fence(d.Fence), d.Rank, d.WorkerId)
            : throw new InvalidDataException($"ReplicaFinished: expected a rank >= 1 (rank 0 ends the attempt with its last epoch), got {d.Rank}");

    private static string Ref(IActorRef actor) => Serialization.SerializedActorPath(actor);

    private IActorRef Resolve(string path) => system.Provider.ResolveActorRef(path);
}
