using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace Troupe.Node;

/// <summary>
/// Akka's logger (<c>akka.loggers</c>): writes each log event through the <see cref="NodeLogging"/> factory under the
/// category of the class that logged it. Akka's own classes (namespace <c>Akka.*</c>) are passed at
/// <see cref="Akka.Event.LogLevel.WarningLevel"/> and above only, whatever <c>akka.loglevel</c> lets through for Troupe's
/// actors: a worker's info lines stay readable without Akka's start-up chatter.
/// </summary>
internal sealed class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory factory;

    public AkkaLogBridge()
    {
        factory = NodeLogging.FactoryOf(Context.System);
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private void Write(LogEvent e)
    {
        var akkas = e.LogClass?.Namespace?.StartsWith("Akka", StringComparison.Ordinal) ?? false;
        if (akkas && e.LogLevel() < Akka.Event.LogLevel.WarningLevel) return;
        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
            _ => Microsoft.Extensions.Logging.LogLevel.Error,
        };
        var logger = factory.CreateLogger(e.LogClass?.FullName ?? e.LogSource ?? "Akka");
        if (!logger.IsEnabled(level)) return;
        var text = e.Message?.ToString() ?? "";
        logger.Log(level, default, text, e.Cause, static (s, _) => s);
    }
}
