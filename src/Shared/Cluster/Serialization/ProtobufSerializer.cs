using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;
using Troupe.Actors;

namespace Troupe.Cluster.Serialization;

/// <summary>
/// Serializer id 2: every Google.Protobuf message (bound to <see cref="IMessage"/>, so any generated type is
/// covered without registration). The manifest is the message's CLR type (<c>Namespace.Type, Assembly</c>);
/// only types that implement <see cref="IMessage"/> are ever instantiated from a manifest.
/// </summary>
public sealed class ProtobufSerializer : ISerializer
{
    public const int Id = 2;

    private readonly ConcurrentDictionary<string, MessageParser> _parsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifests = new();

    public int Identifier => Id;

    public string Manifest(object message) =>
        _manifests.GetOrAdd(message.GetType(), t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    public byte[] ToBinary(object message) =>
        (message as IMessage ?? throw new ArgumentException($"expected a protobuf message, got {message.GetType().Name}", nameof(message))).ToByteArray();

    public object FromBinary(byte[] bytes, string manifest) => ParserFor(manifest).ParseFrom(bytes);

    /// <summary>Parses straight from a slice of a frame, without copying it first.</summary>
    public IMessage FromBytes(ReadOnlySpan<byte> bytes, string manifest) => ParserFor(manifest).ParseFrom(bytes);

    private MessageParser ParserFor(string manifest) => _parsers.GetOrAdd(manifest, static m =>
    {
        var type = Type.GetType(m, throwOnError: false)
                   ?? throw new InvalidOperationException($"expected a protobuf message type for manifest '{m}', got no such type");
        if (!typeof(IMessage).IsAssignableFrom(type))
            throw new InvalidOperationException($"expected a protobuf message type for manifest '{m}', got {type.FullName} which is not one");
        var property = type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)
                       ?? throw new InvalidOperationException($"expected {type.FullName} to have a static Parser, got none");
        return (MessageParser)property.GetValue(null)!;
    });
}
