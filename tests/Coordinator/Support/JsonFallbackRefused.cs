using Akka.Configuration;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace Troupe.Coordinator.Tests.Support;

/// <summary>
/// Stands where Akka's Newtonsoft JSON serializer would serve every type without a binding of its own ("System.Object"):
/// it refuses, so a message that would have fallen back to JSON fails the test that sends it instead of slipping through.
/// </summary>
public sealed class JsonFallbackRefused(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Binds it in place of the JSON fallback.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.refuse-json = "{{typeof(JsonFallbackRefused).FullName}}, {{typeof(JsonFallbackRefused).Assembly.GetName().Name}}"
          serialization-bindings { "System.Object" = refuse-json }
        }
        """);

    public override int Identifier => 199;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"expected a serializer bound to {obj?.GetType().FullName}, got none: it would fall back to Akka's JSON serializer");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException($"expected no message of {type?.FullName} serialized by the JSON fallback, got one");
}
