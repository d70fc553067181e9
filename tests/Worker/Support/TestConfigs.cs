using Akka.Configuration;

namespace Troupe.Worker.Tests.Support;

public static class TestConfigs
{
    /// <summary>Top-level actors stop on failure, as the worker agent's children do (its stopping strategy).</summary>
    public static Config StoppingGuardian { get; } = ConfigurationFactory
        .ParseString("akka.actor.guardian-supervisor-strategy = \"Akka.Actor.StoppingSupervisorStrategy\"")
        .WithFallback(NodeConfig.Actors);
}
