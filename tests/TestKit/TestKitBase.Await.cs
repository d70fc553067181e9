using System.Diagnostics;

namespace Troupe.TestKit;

public abstract partial class TestKitBase
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="message"/> when the time is up.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null) =>
        Sync(AwaitConditionAsync(() => Task.FromResult(condition()), duration, interval, message));

    public async Task AwaitConditionAsync(Func<Task<bool>> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var max = Bound(duration);
        var every = interval ?? DefaultPollInterval;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition().ConfigureAwait(false)) return;
            var left = max - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw Fail("AwaitCondition", $"{message ?? "the condition"} to hold within {Ms(max)}", "false", clock);
            await Task.Delay(Min(every, left)).ConfigureAwait(false);
        }
    }

    /// <summary>Repeats <paramref name="assertion"/> until it stops throwing; when the time is up, fails with its last exception inside.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) =>
        Sync(AwaitAssertAsync(() => { assertion(); return Task.CompletedTask; }, duration, interval));

    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var max = Bound(duration);
        var every = interval ?? DefaultPollInterval;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (clock.Elapsed < max)
            {
                // Not yet: retried below until the time is up, then the last failure is reported.
            }
            catch (Exception e)
            {
                throw new TestKitAssertionException(
                    $"AwaitAssert: expected the assertion to pass within {Ms(max)}, got {e.GetType().Name}: {e.Message} after {Ms(clock.Elapsed)}{DilationNote}", e);
            }
            await Task.Delay(Min(every, Positive(max - clock.Elapsed))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="block"/> with every wait inside bounded by <paramref name="max"/> (dilated) in
    /// total, and asserts it took between <paramref name="min"/> and <paramref name="max"/>.
    /// </summary>
    public void Within(TimeSpan min, TimeSpan max, Action block) =>
        Sync(WithinAsync(min, max, () => { block(); return Task.CompletedTask; }));

    public void Within(TimeSpan max, Action block) => Within(TimeSpan.Zero, max, block);

    public T Within<T>(TimeSpan max, Func<T> block)
    {
        T result = default!;
        Within(TimeSpan.Zero, max, () => { result = block(); });
        return result;
    }

    public Task WithinAsync(TimeSpan max, Func<Task> block) => WithinAsync(TimeSpan.Zero, max, block);

    public async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (min > max) throw new ArgumentException($"expected min <= max, got min {min} and max {max}", nameof(min));
        var dilatedMax = Dilated(max);
        var clock = Stopwatch.StartNew();
        var outer = withinDeadline;
        var deadline = DateTime.UtcNow + dilatedMax;
        withinDeadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            await block().ConfigureAwait(false);
        }
        finally
        {
            withinDeadline = outer;
        }
        var elapsed = clock.Elapsed;
        if (elapsed < min) throw Fail("Within", $"the block to take at least {Ms(min)}", "it finished early", clock);
        if (elapsed > dilatedMax) throw Fail("Within", $"the block to finish within {Ms(dilatedMax)}", "it took longer", clock);
    }
}
