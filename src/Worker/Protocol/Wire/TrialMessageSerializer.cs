using Google.Protobuf;
using Troupe.Actors;
using Troupe.Training.Tuning;
using Troupe.Protocol.Trials;

namespace Troupe.Worker.Protocol.Wire;

/// <summary>
/// Serializer id 40: the coordinator ↔ worker records of <c>Troupe.Worker.Protocol</c>, mapped to the messages of
/// <c>trials.proto</c> (refs travel as full paths with uid; checkpoint bytes as one bytes field, which the transport
/// chunks). Bind it on every node with <see cref="BindTo"/>.
/// </summary>
public sealed class TrialMessageSerializer(ActorSystem system) : ISerializer
{
    public const int Id = 40;

    private static readonly Type[] Bound =
    [
        typeof(RegisterWorker), typeof(WorkerRegistered), typeof(StartTrial), typeof(TrialStarted), typeof(StopTrial),
        typeof(GetTrialStatus), typeof(TrialStatusReply), typeof(TrialProgress), typeof(EpochCompleted), typeof(TrialFailed),
        typeof(ReplicaFinished),
    ];

    public int Identifier => Id;

    /// <summary>Binds every record this serializer carries in <paramref name="system"/>'s serialization.</summary>
    public static void BindTo(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var serializer = new TrialMessageSerializer(system);
        foreach (var type in Bound) system.Serialization.Bind(type, serializer);
    }

    public string Manifest(object message) => message switch
    {
        RegisterWorker => "RW",
        WorkerRegistered => "WR",
        StartTrial => "ST",
        TrialStarted => "TS",
        StopTrial => "SP",
        GetTrialStatus => "GS",
        TrialStatusReply => "SR",
        TrialProgress => "TP",
        EpochCompleted => "EC",
        TrialFailed => "TF",
        ReplicaFinished => "RF",
        _ => throw new ArgumentException($"expected a Troupe.Worker.Protocol message, got {message.GetType().Name}", nameof(message)),
    };

    public byte[] ToBinary(object message) => ToData(message).ToByteArray();

    public object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "RW" => FromData(RegisterWorkerData.Parser.ParseFrom(bytes)),
        "WR" => new WorkerRegistered(WorkerRegisteredData.Parser.ParseFrom(bytes).WorkerId),
        "ST" => FromData(StartTrialData.Parser.ParseFrom(bytes)),
        "TS" => FromData(TrialStartedData.Parser.ParseFrom(bytes)),
        "SP" => FromData(StopTrialData.Parser.ParseFrom(bytes)),
        "GS" => new GetTrialStatus(TrialWire.Fence(GetTrialStatusData.Parser.ParseFrom(bytes).Fence)),
        "SR" => FromData(TrialStatusReplyData.Parser.ParseFrom(bytes)),
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
        GetTrialStatus m => new GetTrialStatusData { Fence = TrialWire.Data(m.Fence) },
        TrialStatusReply m => new TrialStatusReplyData
        {
            Fence = TrialWire.Data(m.Fence), Phase = m.Phase, Epoch = m.Epoch, Iter = m.Iter, BatchCount = m.BatchCount, EpochsDone = m.EpochsDone,
        },
        TrialProgress m => ProgressData(m),
        EpochCompleted m => new EpochCompletedData
        {
            Fence = TrialWire.Data(m.Fence), Metrics = TrialWire.Data(m.Metrics), Checkpoint = UnsafeByteOperations.UnsafeWrap(m.Checkpoint),
        },
        TrialFailed m => new TrialFailedData { Fence = TrialWire.Data(m.Fence), WorkerId = m.WorkerId, Reason = m.Reason },
        ReplicaFinished m => new ReplicaFinishedData { Fence = TrialWire.Data(m.Fence), Rank = m.Rank, WorkerId = m.WorkerId },
        _ => throw new ArgumentException($"expected a Troupe.Worker.Protocol message, got {message.GetType().Name}", nameof(message)),
    };

    private StartTrialData StartData(StartTrial m)
    {
        var data = new StartTrialData { Fence = TrialWire.Data(m.Fence), Trial = TrialWire.Data(m.Trial), ReportTo = Ref(m.ReportTo) };
        if (m.Checkpoint is { } c) data.Checkpoint = UnsafeByteOperations.UnsafeWrap(c);
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
        new(TrialWire.Fence(d.Fence), TrialWire.Assignment(d.Trial), d.HasCheckpoint ? d.Checkpoint.ToByteArray() : null, Resolve(d.ReportTo));

    private TrialStarted FromData(TrialStartedData d) => new(TrialWire.Fence(d.Fence), d.WorkerId, Resolve(d.ModelActor));

    private static StopTrial FromData(StopTrialData d) => new(TrialWire.Fence(d.Fence), d.Reason);

    private static TrialStatusReply FromData(TrialStatusReplyData d) => new(TrialWire.Fence(d.Fence), d.Phase, d.Epoch, d.Iter, d.BatchCount, d.EpochsDone);

    private static TrialProgress FromData(TrialProgressData d) =>
        new(TrialWire.Fence(d.Fence), d.Epoch, d.Iter, d.BatchCount, d.Training, d.HasLoss ? d.Loss : null);

    private static EpochCompleted FromData(EpochCompletedData d) => new(TrialWire.Fence(d.Fence), TrialWire.Metrics(d.Metrics), d.Checkpoint.ToByteArray());

    private static TrialFailed FromData(TrialFailedData d) => new(TrialWire.Fence(d.Fence), d.WorkerId, d.Reason);

    private static ReplicaFinished FromData(ReplicaFinishedData d) =>
        d.Rank >= 1 ? new(TrialWire.Fence(d.Fence), d.Rank, d.WorkerId)
            : throw new InvalidDataException($"ReplicaFinished: expected a rank >= 1 (rank 0 ends the attempt with its last epoch), got {d.Rank}");

    private string Ref(IActorRef actor) => system.Serialization.SerializeActorRef(actor);

    private IActorRef Resolve(string path) => system.Serialization.ResolveActorRef(path);
}
