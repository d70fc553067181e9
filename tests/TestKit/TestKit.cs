using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Troupe.Actors;
using Xunit.Abstractions;

namespace Troupe.TestKit;

/// <summary>
/// Base class of actor tests: a fresh <see cref="ActorSystem"/> per test (xunit makes one instance per
/// test), a <see cref="TestKitBase.TestActor"/> that is the implicit sender of one-argument
/// <c>Tell</c>s made by the test, captured logs (<see cref="Logs"/>, copied to the xunit output), and a
/// bounded shutdown in <see cref="Dispose"/> that fails the test if the system does not terminate.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private readonly ILoggerFactory loggerFactory;
    private readonly IDisposable implicitSender;
    private bool disposed;

    protected TestKit(ITestOutputHelper? output = null, ActorSystemSettings? settings = null, string systemName = "test")
        : this(CreateSystem(output, settings, systemName, out var sink, out var factory), sink, factory)
    {
    }

    private TestKit(ActorSystem system, TestLogSink sink, ILoggerFactory factory) : base(system, "testActor")
    {
        Logs = sink;
        loggerFactory = factory;
        implicitSender = ImplicitSender.Use(TestActor);
    }

    /// <summary>Everything the system logged so far.</summary>
    public TestLogSink Logs { get; }

    /// <summary>How long <see cref="Dispose"/> waits for the system to terminate (dilated).</summary>
    protected virtual TimeSpan ShutdownTimeout => TimeSpan.FromSeconds(10);

    /// <summary>Creates a top-level actor in the test system.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<TActor>(string? name = null) where TActor : ActorBase, new() => Sys.ActorOf(Props.Create<TActor>(), name);

    private static ActorSystem CreateSystem(ITestOutputHelper? output, ActorSystemSettings? settings, string name,
        out TestLogSink sink, out ILoggerFactory factory)
    {
        var outputLevel = Environment.GetEnvironmentVariable("TROUPE_TEST_LOG") is { Length: > 0 } level
            ? Enum.Parse<LogLevel>(level, ignoreCase: true)
            : LogLevel.Information;
        var logSink = new TestLogSink(output, outputLevel);
        sink = logSink;
        factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logSink));
        return ActorSystem.Create(name, (settings ?? ActorSystemSettings.Default) with { LoggerFactory = factory });
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        GC.SuppressFinalize(this);
        implicitSender.Dispose();
        var timeout = Dilated(ShutdownTimeout);
        var clock = Stopwatch.StartNew();
        var terminated = Sys.Terminate().Wait(timeout);
        loggerFactory.Dispose();
        if (!terminated)
            throw new TestKitAssertionException(
                $"Shutdown: expected system '{Sys.Name}' to terminate within {timeout.TotalMilliseconds:0} ms, got it still running after {clock.ElapsedMilliseconds} ms");
    }
}
