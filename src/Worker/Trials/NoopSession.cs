using System.Buffers.Binary;
using System.Diagnostics;
using Troupe.Training.Learning;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>
/// The built-in <c>noop</c> trial kind, for measuring scheduling overhead: each epoch is one "batch" that sleeps
/// <c>seconds</c> (parameter, default 0.1) and reports a synthetic, deterministic valid loss <c>(1 + x) / (epoch + 1)</c>
/// (<c>x</c> a parameter, default 0), so schedulers have something to rank. Checkpoints are the next epoch, padded with
/// <c>checkpoint_mb</c> MiB of filler (default 0) to measure how big checkpoints move (bench/Coordinator/checkpoint-rss.sh).
/// </summary>
internal sealed class NoopSession : ITrialSession
{
    public const string ModelName = "noop";
    private static readonly byte[] Magic = "TRPNOOP1"u8.ToArray();
    private readonly TrialAssignment trial;
    private readonly TimeSpan duration;
    private readonly double x;
    private readonly int padding;
    private int epoch;
    private bool trained;
    private double seconds;

    private NoopSession(TrialAssignment trial, int startEpoch)
    {
        this.trial = trial;
        StartEpoch = epoch = startEpoch;
        var s = trial.Params.GetValueOrDefault("seconds", 0.1);
        if (!(s >= 0) || double.IsInfinity(s)) throw new ArgumentException($"noop: expected seconds >= 0, got {s}");
        duration = TimeSpan.FromSeconds(s);
        x = trial.Params.GetValueOrDefault("x", 0);
        padding = Padding(trial);
    }

    private static int Padding(TrialAssignment trial)
    {
        var mb = trial.Params.GetValueOrDefault("checkpoint_mb", 0);
        if (!(mb >= 0 && mb <= 1024) || mb != Math.Floor(mb)) throw new ArgumentException($"noop: expected checkpoint_mb a whole number in 0..1024, got {mb}");
        return (int)mb * 1024 * 1024;
    }

    public int StartEpoch { get; }

    public static NoopSession Open(TrialAssignment trial, byte[]? checkpoint)
    {
        if (checkpoint is null) return new NoopSession(trial, 0);
        var expected = Magic.Length + 4 + Padding(trial);
        if (checkpoint.Length != expected || !checkpoint.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"noop: expected a {expected}-byte noop checkpoint, got {checkpoint.Length} bytes that are not one");
        return new NoopSession(trial, BinaryPrimitives.ReadInt32LittleEndian(checkpoint.AsSpan(Magic.Length)));
    }

    public StepResult Step()
    {
        if (epoch >= trial.Epochs) return new StepResult(StepKind.Finished, Math.Max(0, epoch - 1), 0, 0);
        if (!trained)
        {
            var watch = Stopwatch.StartNew();
            if (duration > TimeSpan.Zero) Thread.Sleep(duration);
            seconds = watch.Elapsed.TotalSeconds;
            trained = true;
            return new StepResult(StepKind.TrainBatch, epoch, 0, 1, 0);
        }
        trained = false;
        var loss = (1 + x) / (epoch + 1);
        var record = new EpochRecord(epoch, loss, loss, [new MetricValue("accuracy", 1 - loss / (2 + x)), new MetricValue("perplexity", Math.Exp(loss))], seconds, 0, 0);
        epoch++;
        return new StepResult(StepKind.EpochEnd, epoch - 1, 1, 1, Record: record);
    }

    public byte[] Checkpoint()
    {
        var bytes = new byte[Magic.Length + 4 + padding];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), epoch);
        return bytes;
    }

    public void Dispose()
    {
    }
}
