using Google.Protobuf;
using Troupe.Actors;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Serialization;

/// <summary>
/// Serializer id 6: the runtime's own user-level messages that may cross nodes: <see cref="Identify"/>,
/// <see cref="ActorIdentity"/> (the ref travels as its path), <see cref="PoisonPill"/>, <see cref="Kill"/>,
/// <see cref="Status.Success"/>, <see cref="Status.Failure"/> and a bare <see cref="IActorRef"/> (as its path) (type name and message of the exception; it
/// arrives as a <see cref="RemoteException"/>). Nested values go through the system's serialization.
/// </summary>
public sealed class MiscMessageSerializer(ActorSystem system) : ISerializer
{
    public const int Id = 6;

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        Identify => "ID",
        ActorIdentity => "AI",
        PoisonPill => "PP",
        Kill => "K",
        Status.Success => "S",
        Status.Failure => "F",
        IActorRef => "R",
        _ => throw new ArgumentException($"expected a runtime message, got {message.GetType().Name}", nameof(message)),
    };

    public byte[] ToBinary(object message) => message switch
    {
        Identify i => new IdentifyData { MessageId = Nested(i.MessageId) }.ToByteArray(),
        ActorIdentity a => new ActorIdentityData { MessageId = Nested(a.MessageId), Subject = a.Subject is null ? "" : system.Serialization.SerializeActorRef(a.Subject) }.ToByteArray(),
        PoisonPill or Kill => [],
        Status.Success s => new StatusSuccessData { Result = Nested(s.Result) }.ToByteArray(),
        Status.Failure f => new StatusFailureData { ExceptionType = f.Cause.GetType().FullName ?? "", Message = f.Cause.Message, State = Nested(f.State) }.ToByteArray(),
        IActorRef r => global::System.Text.Encoding.UTF8.GetBytes(system.Serialization.SerializeActorRef(r)),
        _ => throw new ArgumentException($"expected a runtime message, got {message.GetType().Name}", nameof(message)),
    };

    public object FromBinary(byte[] bytes, string manifest)
    {
        switch (manifest)
        {
            case "ID":
                return new Identify(Unnest(IdentifyData.Parser.ParseFrom(bytes).MessageId));
            case "AI":
                var identity = ActorIdentityData.Parser.ParseFrom(bytes);
                return new ActorIdentity(Unnest(identity.MessageId), identity.Subject.Length == 0 ? null : system.Serialization.ResolveActorRef(identity.Subject));
            case "PP":
                return PoisonPill.Instance;
            case "K":
                return Kill.Instance;
            case "S":
                return new Status.Success(Unnest(StatusSuccessData.Parser.ParseFrom(bytes).Result));
            case "F":
                var failure = StatusFailureData.Parser.ParseFrom(bytes);
                return new Status.Failure(new RemoteException(failure.ExceptionType, failure.Message), Unnest(failure.State));
            case "R":
                return system.Serialization.ResolveActorRef(global::System.Text.Encoding.UTF8.GetString(bytes));
            default:
                throw new InvalidOperationException($"expected a runtime message manifest (ID, AI, PP, K, S, F, R), got '{manifest}'");
        }
    }

    private PayloadData? Nested(object? value)
    {
        if (value is null) return null;
        var serialized = system.Serialization.Serialize(value);
        return new PayloadData { SerializerId = serialized.SerializerId, Manifest = serialized.Manifest, Payload = UnsafeByteOperations.UnsafeWrap(serialized.Payload) };
    }

    private object? Unnest(PayloadData? data) =>
        data is null ? null : system.Serialization.Deserialize(new SerializedMessage(data.SerializerId, data.Manifest, data.Payload.ToByteArray()));
}
