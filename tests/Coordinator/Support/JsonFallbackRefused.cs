using System.Runtime.Serialization;
using Akka.Configuration;
using Akka.Serialization;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// Stands where Akka's Newtonsoft JSON serializer serves every type without a binding of its own ("System.Object").
/// Akka's own local-only messages (namespace <c>Akka.*</c>: guardian hooks, cluster daemon commands) keep that JSON
/// serializer, since <c>serialize-messages = on</c> checks them too; any other type is refused, so a Troupe message
/// that would fall back to JSON fails the test that sends it instead of slipping through.
/// </summary>
public sealed class JsonFallbackRefused(ExtendedActorSystem system) : Serializer(system)
{
    private readonly NewtonSoftJsonSerializer json = new(system);

    /// <summary>Binds it in place of the JSON fallback.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.refuse-json = "{{typeof(JsonFallbackRefused).FullName}}, {{typeof(JsonFallbackRefused).Assembly.GetName().Name}}"
          serialization-bindings { "System.Object" = refuse-json }
        }
        """);

    public override int Identifier => 199;

    // The type travels beside the bytes, so deserialization knows whose message it is.
    public override bool IncludeManifest => true;

    public override byte[] ToBinary(object obj) => IsAkkas(obj.GetType())
        ? json.ToBinary(obj)
        : throw new SerializationException($"expected a serializer bound to {obj.GetType().FullName}, got none: it would fall back to Akka's JSON serializer");

    public override object FromBinary(byte[] bytes, Type type) => IsAkkas(type)
        ? json.FromBinary(bytes, type)
        : throw new SerializationException($"expected no message of {type?.FullName} serialized by the JSON fallback, got one");

    private static bool IsAkkas(Type? type) => type?.Namespace?.StartsWith("Akka", StringComparison.Ordinal) ?? false;
}
