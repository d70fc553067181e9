using System.Diagnostics;
using Troupe.Actors;

namespace Troupe.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>The next message, which must be a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? duration = null) => Sync(ExpectMsgAsync<T>(duration));

    /// <summary>The next message, which must be a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? duration = null, string? hint = null) =>
        Sync(ExpectMsgAsync(predicate, duration, hint));

    /// <summary>The next message, which must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? duration = null) where T : notnull =>
        Sync(ExpectMsgAsync(expected, duration));

    /// <summary>The next message, which must be a <typeparamref name="T"/> from <paramref name="sender"/>.</summary>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? duration = null) => Sync(ExpectMsgFromAsync<T>(sender, duration));

    public Task<T> ExpectMsgAsync<T>(TimeSpan? duration = null) =>
        ExpectCoreAsync<T>($"ExpectMsg<{typeof(T).Name}>", $"a {typeof(T).Name}", duration, (_, _) => true);

    public Task<T> ExpectMsgAsync<T>(Predicate<T> predicate, TimeSpan? duration = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return ExpectCoreAsync<T>($"ExpectMsg<{typeof(T).Name}>(predicate)",
            $"a {typeof(T).Name} matching {hint ?? "the predicate"}", duration, (m, _) => predicate(m));
    }

    public Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? duration = null) where T : notnull =>
        ExpectCoreAsync<T>($"ExpectMsg({expected})", $"{expected.GetType().Name} ({expected})", duration, (m, _) => Equals(m, expected));

    public Task<T> ExpectMsgFromAsync<T>(IActorRef sender, TimeSpan? duration = null) =>
        ExpectCoreAsync<T>($"ExpectMsgFrom<{typeof(T).Name}>", $"a {typeof(T).Name} from {sender}", duration, (_, s) => s.Equals(sender));

    /// <summary>The next message must be the <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? duration = null) => Sync(ExpectTerminatedAsync(target, duration));

    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectCoreAsync<Terminated>("ExpectTerminated", $"Terminated of {target}", duration, (t, _) => t.ActorRef.Equals(target));
    }

    private async Task<T> ExpectCoreAsync<T>(string what, string expected, TimeSpan? duration, Func<T, IActorRef, bool> accept)
    {
        var max = Bound(duration);
        var clock = Stopwatch.StartNew();
        var received = await ReceiveOneAsync(max).ConfigureAwait(false)
            ?? throw Fail(what, $"{expected} within {Ms(max)}", "no message", clock);
        if (received.Message is T typed && accept(typed, received.Sender)) return typed;
        throw Fail(what, expected, Describe(received), clock);
    }

    /// <summary>Asserts no message arrives within <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration) => Sync(ExpectNoMsgAsync(duration));

    public async Task ExpectNoMsgAsync(TimeSpan duration)
    {
        var max = Bound(duration);
        var clock = Stopwatch.StartNew();
        var received = await ReceiveOneAsync(max).ConfigureAwait(false);
        if (received is not null) throw Fail("ExpectNoMsg", $"no message within {Ms(max)}", Describe(received), clock);
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/>, which it returns.</summary>
    public object FishForMessage(Predicate<object> isTheOne, TimeSpan? duration = null, string? hint = null) =>
        Sync(FishForMessageAsync(isTheOne, duration, hint));

    public async Task<T> FishForMessageAsync<T>(Predicate<T> isTheOne, TimeSpan? duration = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        return (T)await FishCoreAsync(m => m is T t && isTheOne(t), duration, hint ?? $"a {typeof(T).Name} matching the predicate").ConfigureAwait(false);
    }

    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? duration = null, string? hint = null) =>
        Sync(FishForMessageAsync(isTheOne, duration, hint));

    public Task<object> FishForMessageAsync(Predicate<object> isTheOne, TimeSpan? duration = null, string? hint = null) =>
        FishCoreAsync(isTheOne, duration, hint ?? "a message matching the predicate");

    private async Task<object> FishCoreAsync(Predicate<object> isTheOne, TimeSpan? duration, string expected)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var max = Bound(duration);
        var clock = Stopwatch.StartNew();
        var skipped = new List<string>();
        while (true)
        {
            var received = await ReceiveOneAsync(Positive(max - clock.Elapsed)).ConfigureAwait(false);
            if (received is null)
                throw Fail("FishForMessage", $"{expected} within {Ms(max)}",
                    skipped.Count == 0 ? "no message" : $"only {skipped.Count} other message(s): {string.Join("; ", skipped.Take(10))}", clock);
            if (isTheOne(received.Message)) return received.Message;
            skipped.Add(Describe(received));
        }
    }

    /// <summary>
    /// Collects messages while <paramref name="filter"/> maps them to non-null, up to
    /// <paramref name="maxMessages"/>, until <paramref name="duration"/> ends or no message comes for
    /// <paramref name="idle"/>. The first message the filter rejects stays in the inbox.
    /// </summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? duration = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
        where T : class => Sync(ReceiveWhileAsync(filter, duration, idle, maxMessages));

    public async Task<IReadOnlyList<T>> ReceiveWhileAsync<T>(Func<object, T?> filter, TimeSpan? duration = null, TimeSpan? idle = null,
        int maxMessages = int.MaxValue) where T : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        var max = Bound(duration);
        var idleMax = idle is { } i ? Dilated(i) : Timeout.InfiniteTimeSpan;
        var clock = Stopwatch.StartNew();
        var result = new List<T>();
        while (result.Count < maxMessages)
        {
            var left = Positive(max - clock.Elapsed);
            var wait = idleMax == Timeout.InfiniteTimeSpan ? left : Min(left, idleMax);
            var received = await queue.TakeAsync(wait).ConfigureAwait(false);
            if (received is null) break;
            if (filter(received.Message) is not { } mapped)
            {
                queue.PutBack(received);
                break;
            }
            LastMessage = received.Message;
            LastSender = received.Sender;
            result.Add(mapped);
        }
        return result;
    }

    /// <summary>The next <paramref name="count"/> messages, whatever they are.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? duration = null) => Sync(ReceiveNAsync(count, duration));

    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? duration = null)
    {
        var max = Bound(duration);
        var clock = Stopwatch.StartNew();
        var result = new List<object>(count);
        while (result.Count < count)
        {
            var received = await ReceiveOneAsync(Positive(max - clock.Elapsed)).ConfigureAwait(false)
                ?? throw Fail("ReceiveN", $"{count} messages within {Ms(max)}", $"{result.Count}", clock);
            result.Add(received.Message);
        }
        return result;
    }
}
