using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Troupe.Cluster.Remote.Addressing;
using Troupe.Cluster.Remote.Transport;
using Troupe.Cluster.Serialization;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Remote.Actors;

/// <summary>
/// The remote-capable provider: answers for this system's external address (<c>troupe://sys@host:port</c>)
/// through the local provider and makes a <see cref="RemoteActorRef"/> for any other address. It owns the
/// <see cref="TcpTransport"/>, turns messages into envelopes through the system's serialization, and delivers
/// incoming envelopes to local actors in the order each peer sent them. Installed with
/// <see cref="Factory"/> as <see cref="ActorSystemSettings.ProviderFactory"/>.
/// <para>Serializers bound by default: protobuf messages (id 2), runtime messages such as Identify and
/// Status (id 6), <c>byte[]</c> (id 4), <c>string</c>/<c>int</c>/<c>long</c> (id 17). Other types: bind a
/// serializer with <c>system.Serialization.Bind&lt;T&gt;(serializer)</c> on every node, with an id unique
/// in the cluster.</para>
/// </summary>
public sealed class RemoteActorRefProvider : IActorRefProvider, ITransportListener
{
    private const int RefCacheLimit = 10_000;
    private readonly LocalActorRefProvider _local;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, IActorRef> _remoteRefs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalActorRef> _recipients = new(StringComparer.Ordinal);

    private RemoteActorRefProvider(ActorSystem system, LocalActorRefProvider local, ClusterSettings settings)
    {
        System = system;
        _local = local;
        Settings = settings.Validate();
        _logger = system.LoggerFactory.CreateLogger("Troupe.Cluster.Remote");
        BindSerializers(system);
        Transport = new TcpTransport(settings.Transport with { SystemName = system.Name }, this, system.LoggerFactory.CreateLogger("Troupe.Cluster.Transport"));
        Transport.StartAsync().GetAwaiter().GetResult();
        DefaultAddress = Transport.LocalAddress.Address.ToAddress();
        system.WhenTerminated.ContinueWith(_ => Transport.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap()
            .ContinueWith(t => _logger.LogError(t.Exception, "Transport shutdown failed"), TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>The provider factory for <see cref="ActorSystemSettings.ProviderFactory"/>.</summary>
    public static Func<ActorSystem, LocalActorRefProvider, IActorRefProvider> Factory(ClusterSettings settings) =>
        (system, local) => new RemoteActorRefProvider(system, local, settings);

    public ActorSystem System { get; }

    public ClusterSettings Settings { get; }

    public TcpTransport Transport { get; }

    /// <summary>This incarnation: external address plus uid.</summary>
    public UniqueAddress SelfUniqueAddress => Transport.LocalAddress;

    public Address DefaultAddress { get; }

    public ActorPath RootPath => _local.RootPath;

    public IActorRef DeadLetters => _local.DeadLetters;

    public bool HasAddress(Address address) => address.Equals(DefaultAddress) || _local.HasAddress(address);

    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (HasAddress(path.Address)) return _local.ResolveLocal(path.Elements, path.Uid);
        if (path.Address.HasLocalScope) return _local.ResolveActorRef(path);
        return new RemoteActorRef(this, path);
    }

    public IActorRef ResolveActorRef(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_remoteRefs.TryGetValue(path, out var cached)) return cached;
        if (!ActorPath.TryParse(path, out var parsed))
            throw new FormatException($"expected an actor path like 'troupe://sys@host:port/user/a#42', got '{path}'");
        var resolved = ResolveActorRef(parsed);
        if (resolved is RemoteActorRef)
        {
            if (_remoteRefs.Count >= RefCacheLimit) _remoteRefs.Clear();
            _remoteRefs[path] = resolved;
        }
        return resolved;
    }

    public string SerializeActorRef(IActorRef actorRef)
    {
        ArgumentNullException.ThrowIfNull(actorRef);
        if (actorRef is RemoteActorRef remote) return remote.WirePath;
        return HasAddress(actorRef.Path.Address) ? actorRef.Path.ToSerializationFormat(DefaultAddress) : actorRef.Path.ToSerializationFormat();
    }

    public IActorRef RootGuardianAt(Address address) =>
        HasAddress(address) ? _local.RootGuardianAt(_local.DefaultAddress) : new RemoteActorRef(this, ActorPath.Root(address));

    internal void Send(object message, IActorRef? sender, RemoteActorRef recipient)
    {
        Envelope envelope;
        if (message is ActorSelectionMessage selection)
        {
            var inner = new SelectionEnvelope { Message = Serialize(selection.Message) };
            inner.Elements.Add(selection.Elements);
            envelope = SystemEnvelope(recipient, RemoteSystemMessages.Selection, inner);
        }
        else
        {
            var serialized = System.Serialization.Serialize(message);
            envelope = new Envelope
            {
                Recipient = recipient.WirePath,
                SerializerId = serialized.SerializerId,
                Manifest = serialized.Manifest,
                Payload = UnsafeByteOperations.UnsafeWrap(serialized.Payload),
            };
        }
        if (sender is not null && sender is not Nobody) envelope.Sender = SerializeActorRef(sender);
        Enqueue(recipient, envelope, message, sender);
    }

    internal void SendSystem(ISystemMessage message, RemoteActorRef recipient)
    {
        var envelope = message switch
        {
            Watch w => SystemEnvelope(recipient, RemoteSystemMessages.Watch, new RemoteWatch { Watchee = SerializeActorRef(w.Watchee), Watcher = SerializeActorRef(w.Watcher) }),
            Unwatch u => SystemEnvelope(recipient, RemoteSystemMessages.Unwatch, new RemoteUnwatch { Watchee = SerializeActorRef(u.Watchee), Watcher = SerializeActorRef(u.Watcher) }),
            DeathWatchNotification d => SystemEnvelope(recipient, RemoteSystemMessages.DeathWatchNotification,
                new RemoteDeathWatchNotification { Actor = SerializeActorRef(d.Actor), ExistenceConfirmed = d.ExistenceConfirmed, AddressTerminated = d.AddressTerminated }),
            _ => null,
        };
        if (envelope is null)
        {
            _logger.LogWarning("System message {Message} for {Recipient} has no wire form; not sent", message, recipient);
            return;
        }
        Enqueue(recipient, envelope, message, null);
    }

    internal void SendStop(RemoteActorRef recipient) =>
        Enqueue(recipient, SystemEnvelope(recipient, RemoteSystemMessages.Stop, new RemoteStop()), "Stop", null);

    private void Enqueue(RemoteActorRef recipient, Envelope envelope, object message, IActorRef? sender)
    {
        var target = recipient.Path.Address.ToNodeAddress();
        if (!Transport.TrySend(target, envelope))
        {
            _logger.LogWarning("Send queue to {Target} is full; {Message} for {Recipient} goes to dead letters", target, message.GetType().Name, recipient);
            DeadLetters.Tell(new DeadLetter(message, sender ?? DeadLetters, recipient), sender);
        }
    }

    private static Envelope SystemEnvelope(RemoteActorRef recipient, string manifest, IMessage payload) => new()
    {
        Recipient = recipient.WirePath,
        SerializerId = RemoteSystemMessages.SerializerId,
        Manifest = manifest,
        Payload = payload.ToByteString(),
    };

    private PayloadData Serialize(object message)
    {
        var serialized = System.Serialization.Serialize(message);
        return new PayloadData { SerializerId = serialized.SerializerId, Manifest = serialized.Manifest, Payload = UnsafeByteOperations.UnsafeWrap(serialized.Payload) };
    }

    private object Deserialize(int serializerId, string manifest, ByteString payload) =>
        System.Serialization.Deserialize(new SerializedMessage(serializerId, manifest, Bytes(payload)));

    /// <summary>The payload's array without a copy when it is a whole array (reassembled chunks are).</summary>
    private static byte[] Bytes(ByteString payload) =>
        MemoryMarshal.TryGetArray(payload.Memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToByteArray();

    void ITransportListener.OnEnvelope(UniqueAddress from, Envelope envelope)
    {
        try
        {
            if (envelope.SerializerId == RemoteSystemMessages.SerializerId) HandleSystem(envelope);
            else
            {
                var recipient = LocalRecipient(envelope.Recipient);
                var sender = envelope.Sender.Length == 0 ? null : ResolveActorRef(envelope.Sender);
                recipient.Tell(Deserialize(envelope.SerializerId, envelope.Manifest, envelope.Payload), sender);
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or InvalidProtocolBufferException)
        {
            // Bad input never crashes a node: the message is dropped with a reason; the association carries on.
            _logger.LogWarning("Dropped a message from {From} for {Recipient} (serializer {Serializer}, manifest '{Manifest}'): {Reason}",
                from, envelope.Recipient, envelope.SerializerId, envelope.Manifest, e.Message);
            DeadLetters.Tell(new DeadLetter($"undeliverable message from {from}: {e.Message}", DeadLetters, DeadLetters), null);
        }
    }

    private void HandleSystem(Envelope envelope)
    {
        switch (envelope.Manifest)
        {
            case RemoteSystemMessages.Watch:
                var watch = RemoteWatch.Parser.ParseFrom(envelope.Payload);
                var watchee = (IInternalActorRef)LocalRecipient(watch.Watchee);
                watchee.SendSystemMessage(new Watch(watchee, ResolveActorRef(watch.Watcher)));
                break;
            case RemoteSystemMessages.Unwatch:
                var unwatch = RemoteUnwatch.Parser.ParseFrom(envelope.Payload);
                var unwatchee = (IInternalActorRef)LocalRecipient(unwatch.Watchee);
                unwatchee.SendSystemMessage(new Unwatch(unwatchee, ResolveActorRef(unwatch.Watcher)));
                break;
            case RemoteSystemMessages.DeathWatchNotification:
                var notification = RemoteDeathWatchNotification.Parser.ParseFrom(envelope.Payload);
                var watcher = (IInternalActorRef)LocalRecipient(envelope.Recipient);
                watcher.SendSystemMessage(new DeathWatchNotification(ResolveActorRef(notification.Actor), notification.ExistenceConfirmed, notification.AddressTerminated));
                break;
            case RemoteSystemMessages.Stop:
                ((IInternalActorRef)LocalRecipient(envelope.Recipient)).Stop();
                break;
            case RemoteSystemMessages.Selection:
                var selection = SelectionEnvelope.Parser.ParseFrom(envelope.Payload);
                var message = Deserialize(selection.Message.SerializerId, selection.Message.Manifest, selection.Message.Payload);
                var sender = envelope.Sender.Length == 0 ? null : ResolveActorRef(envelope.Sender);
                _local.RootGuardianAt(_local.DefaultAddress).Tell(new ActorSelectionMessage(message, selection.Elements.ToArray()), sender);
                break;
            default:
                throw new InvalidOperationException($"expected a remote system message manifest (W, U, D, X, A), got '{envelope.Manifest}'");
        }
    }

    /// <summary>
    /// The local ref a wire path names; messages for another node's path are refused. Paths with a uid name one
    /// actor incarnation, so their live refs are cached (no parse and tree walk per message); a stopped one is
    /// resolved again (to dead letters).
    /// </summary>
    private IActorRef LocalRecipient(string path)
    {
        if (_recipients.TryGetValue(path, out var cached))
        {
            if (!cached.IsTerminated) return cached;
            _recipients.TryRemove(path, out _);
        }
        if (!ActorPath.TryParse(path, out var parsed))
            throw new FormatException($"expected a recipient actor path, got '{path}'");
        if (!HasAddress(parsed.Address))
            throw new InvalidOperationException($"expected a recipient at {DefaultAddress}, got one at {parsed.Address}");
        var resolved = _local.ResolveLocal(parsed.Elements, parsed.Uid);
        if (parsed.Uid != 0 && resolved is LocalActorRef { IsTerminated: false } live)
        {
            if (_recipients.Count >= RefCacheLimit) _recipients.Clear();
            _recipients[path] = live;
        }
        return resolved;
    }

    void ITransportListener.OnDropped(NodeAddress recipient, Envelope envelope, string reason)
    {
        _logger.LogDebug("Dead letter for {Recipient} ({Path}): {Reason}", recipient, envelope.Recipient, reason);
        DeadLetters.Tell(new DeadLetter($"envelope for {envelope.Recipient}: {reason}", DeadLetters, DeadLetters), null);
    }

    void ITransportListener.OnQuarantinedByPeer(NodeAddress remote, string reason) =>
        System.EventStream.Publish(new ThisSystemQuarantined(remote, reason));

    void ITransportListener.OnNewIncarnation(UniqueAddress previous, UniqueAddress current) =>
        System.EventStream.Publish(new RemoteIncarnationChanged(previous, current));

    private static void BindSerializers(ActorSystem system)
    {
        system.Serialization.Bind<IMessage>(new ProtobufSerializer());
        var primitives = new PrimitiveSerializer();
        system.Serialization.Bind<string>(primitives);
        system.Serialization.Bind<int>(primitives);
        system.Serialization.Bind<long>(primitives);
        var misc = new MiscMessageSerializer(system);
        foreach (var type in new[] { typeof(Identify), typeof(ActorIdentity), typeof(PoisonPill), typeof(Kill), typeof(Status.Success), typeof(Status.Failure), typeof(IActorRef) })
            system.Serialization.Bind(type, misc);
    }
}
