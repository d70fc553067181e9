using System.Diagnostics;
using System.Globalization;
using Troupe.Actors;

namespace Troupe.TestKit;

/// <summary>
/// The expectation API over one test actor: what <see cref="TestKit"/> and <see cref="TestProbe"/>
/// share. Every wait is bounded: by the explicit duration (dilated), else by the innermost
/// <c>Within</c> block, else by <see cref="DefaultTimeout"/>. Durations are multiplied by
/// <see cref="Dilation"/> (environment variable <c>TROUPE_TEST_DILATION</c>, default 1) for slow machines.
/// </summary>
public abstract partial class TestKitBase
{
    private static int probeCounter;
    private readonly MessageQueue queue = new();
    private DateTime? withinDeadline;

    protected TestKitBase(ActorSystem system, string testActorName)
    {
        Sys = system ?? throw new ArgumentNullException(nameof(system));
        TestActor = system.ActorOf(Props.Create(() => new TestActor(queue)), testActorName);
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The actor whose inbox the expectations read.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message an expectation consumed.</summary>
    public IActorRef LastSender { get; private set; } = Nobody.Instance;

    /// <summary>The last message an expectation consumed.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>Messages waiting in the inbox.</summary>
    public int PendingMessageCount => queue.Count;

    /// <summary>The time factor from <c>TROUPE_TEST_DILATION</c> (default 1).</summary>
    public static double Dilation { get; } = ReadDilation();

    /// <summary>Bound of an expectation without duration outside <c>Within</c>: 3 s, dilated (Akka's single-expect default).</summary>
    public TimeSpan DefaultTimeout { get; init; } = Dilated(TimeSpan.FromSeconds(3));

    public static TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * Dilation));

    /// <summary>Time left in the innermost <c>Within</c> block, else <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan RemainingOrDefault => withinDeadline is { } end ? Positive(end - DateTime.UtcNow) : DefaultTimeout;

    /// <summary>A new probe on the same system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? "testProbe-" + Interlocked.Increment(ref probeCounter).ToString(CultureInfo.InvariantCulture));

    /// <summary>Makes the test actor watch <paramref name="actor"/>: its <see cref="Terminated"/> comes to this inbox.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Tell(new TestActor.WatchCommand(actor), TestActor);
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Tell(new TestActor.UnwatchCommand(actor), TestActor);
        return actor;
    }

    /// <summary>Replies to <see cref="LastSender"/> from the test actor.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Sends the last message (or <paramref name="message"/>) to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target, object? message = null) =>
        target.Tell(message ?? LastMessage ?? throw new InvalidOperationException("expected a message to forward, got none received yet"), LastSender);

    /// <summary>Tells <paramref name="target"/> with the test actor as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, TestActor);

    /// <summary>The bound of a wait with an optional explicit duration (dilated), capped by the enclosing Within.</summary>
    private TimeSpan Bound(TimeSpan? duration)
    {
        if (duration is null) return RemainingOrDefault;
        var dilated = Dilated(duration.Value);
        return withinDeadline is { } end ? Min(dilated, Positive(end - DateTime.UtcNow)) : dilated;
    }

    private async Task<ReceivedMessage?> ReceiveOneAsync(TimeSpan max)
    {
        var message = await queue.TakeAsync(max).ConfigureAwait(false);
        if (message is not null)
        {
            LastMessage = message.Message;
            LastSender = message.Sender;
        }
        return message;
    }

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Describe(ReceivedMessage m) => $"{m.Message.GetType().Name} ({m.Message}) from {m.Sender}";

    private static string DilationNote => Dilation == 1 ? "" : $" (dilation ×{Dilation.ToString(CultureInfo.InvariantCulture)})";

    private static TestKitAssertionException Fail(string what, string expected, string got, Stopwatch clock) =>
        new($"{what}: expected {expected}, got {got} after {Ms(clock.Elapsed)}{DilationNote}");

    private static double ReadDilation()
    {
        var text = Environment.GetEnvironmentVariable("TROUPE_TEST_DILATION");
        if (string.IsNullOrWhiteSpace(text)) return 1;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new InvalidOperationException($"expected TROUPE_TEST_DILATION to be a positive number, got '{text}'");
        return value;
    }

    private static T Sync<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Sync(Task task) => task.GetAwaiter().GetResult();
}
