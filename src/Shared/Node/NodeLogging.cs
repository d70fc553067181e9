using Akka.Actor;
using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Troupe.Node;

/// <summary>
/// The project's logger factory, handed to an ActorSystem as a <see cref="Setup"/> so that <see cref="AkkaLogBridge"/>
/// (Akka's logger actor) writes every log event, Akka's own and the actors' <c>Context.GetLogger()</c> lines, through it.
/// </summary>
internal sealed class NodeLogging(ILoggerFactory factory) : Setup
{
    public ILoggerFactory Factory { get; } = factory ?? throw new ArgumentNullException(nameof(factory));

    /// <summary>The factory <paramref name="system"/> was created with; the null factory when it had none.</summary>
    public static ILoggerFactory FactoryOf(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Settings.Setup.Get<NodeLogging>().Value?.Factory ?? NullLoggerFactory.Instance;
    }
}
