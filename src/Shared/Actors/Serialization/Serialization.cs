using System.Collections.Concurrent;

namespace Troupe.Actors;

/// <summary>
/// The serializers of a system, bound to message types: a message uses the serializer bound to its
/// exact type, else to its nearest base class, else to an interface it implements (so binding
/// <c>Google.Protobuf.IMessage</c> covers every generated message). Refs inside messages travel as
/// <see cref="SerializeActorRef"/> strings and come back through <see cref="ResolveActorRef"/>.
/// </summary>
public sealed class Serialization
{
    private readonly ActorSystem system;
    private readonly ConcurrentDictionary<int, ISerializer> byId = new();
    private readonly ConcurrentDictionary<Type, ISerializer> bindings = new();
    private readonly ConcurrentDictionary<Type, ISerializer> resolved = new();

    internal Serialization(ActorSystem system)
    {
        this.system = system;
        Bind(typeof(byte[]), new ByteArraySerializer());
    }

    /// <summary>Binds <paramref name="type"/> (a class or an interface) to <paramref name="serializer"/> and registers the serializer.</summary>
    public void Bind(Type type, ISerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(serializer);
        var existing = byId.GetOrAdd(serializer.Identifier, serializer);
        if (!ReferenceEquals(existing, serializer) && existing.GetType() != serializer.GetType())
            throw new ArgumentException(
                $"expected serializer id {serializer.Identifier} to be unique, got {serializer.GetType().Name} and {existing.GetType().Name}", nameof(serializer));
        bindings[type] = existing;
        resolved.Clear();
    }

    public void Bind<T>(ISerializer serializer) => Bind(typeof(T), serializer);

    public ISerializer FindSerializerFor(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FindSerializerForType(message.GetType());
    }

    public ISerializer FindSerializerForType(Type type) => resolved.GetOrAdd(type, t =>
    {
        for (var c = t; c is not null; c = c.BaseType)
            if (bindings.TryGetValue(c, out var s)) return s;
        foreach (var i in t.GetInterfaces())
            if (bindings.TryGetValue(i, out var s)) return s;
        throw new InvalidOperationException(
            $"expected a serializer bound to {t.FullName}, a base class or an interface of it, got none (bound: {string.Join(", ", bindings.Keys.Select(k => k.Name))})");
    });

    public ISerializer GetSerializerById(int id) =>
        byId.TryGetValue(id, out var s) ? s : throw new InvalidOperationException($"expected a registered serializer id, got {id}");

    public SerializedMessage Serialize(object message)
    {
        var serializer = FindSerializerFor(message);
        return new SerializedMessage(serializer.Identifier, serializer.Manifest(message), serializer.ToBinary(message));
    }

    public object Deserialize(SerializedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return GetSerializerById(message.SerializerId).FromBinary(message.Payload, message.Manifest);
    }

    /// <summary>The ref as a wire string (full address, uid).</summary>
    public string SerializeActorRef(IActorRef actorRef) => system.Provider.SerializeActorRef(actorRef);

    /// <summary>The ref a wire string names (a dead-letter ref if nothing lives there).</summary>
    public IActorRef ResolveActorRef(string path) => system.Provider.ResolveActorRef(path);
}
