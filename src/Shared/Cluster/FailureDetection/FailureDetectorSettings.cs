namespace Troupe.Cluster.FailureDetection;

/// <summary>
/// Parameters of the phi-accrual failure detector, with Akka's defaults
/// (<c>akka.cluster.failure-detector</c>): heartbeat interval 1 s, threshold 8, acceptable heartbeat pause 3 s,
/// min std-deviation 100 ms, max sample size 1000, first heartbeat estimate = the heartbeat interval.
/// With these, a node that stops is suspected about 4.5 s after its last heartbeat.
/// </summary>
public sealed record FailureDetectorSettings
{
    /// <summary>How often each monitored node is sent a heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Phi at or above which a node is considered unavailable.</summary>
    public double Threshold { get; init; } = 8.0;

    /// <summary>Heartbeat intervals kept to estimate the mean and deviation.</summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>Floor of the deviation, so perfectly regular heartbeats do not make phi explode on tiny jitter.</summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Added to the mean: pauses (GC, network) of this length are tolerated before phi rises.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The interval assumed before any has been measured; null: <see cref="HeartbeatInterval"/>.</summary>
    public TimeSpan? FirstHeartbeatEstimate { get; init; }

    /// <summary>Akka's defaults.</summary>
    public static FailureDetectorSettings Default { get; } = new();

    public TimeSpan EffectiveFirstHeartbeatEstimate => FirstHeartbeatEstimate ?? HeartbeatInterval;

    /// <summary>Throws with "expected X, got Y" on the first invalid setting.</summary>
    public FailureDetectorSettings Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentException($"expected a positive heartbeat interval, got {HeartbeatInterval}");
        if (!(Threshold > 0)) throw new ArgumentException($"expected a positive phi threshold, got {Threshold}");
        if (MaxSampleSize <= 0) throw new ArgumentException($"expected a positive max sample size, got {MaxSampleSize}");
        if (MinStdDeviation <= TimeSpan.Zero) throw new ArgumentException($"expected a positive min std-deviation, got {MinStdDeviation}");
        if (AcceptableHeartbeatPause < TimeSpan.Zero) throw new ArgumentException($"expected a non-negative acceptable heartbeat pause, got {AcceptableHeartbeatPause}");
        if (EffectiveFirstHeartbeatEstimate <= TimeSpan.Zero) throw new ArgumentException($"expected a positive first heartbeat estimate, got {EffectiveFirstHeartbeatEstimate}");
        return this;
    }
}
