namespace Troupe.Cluster.FailureDetection;

/// <summary>
/// The phi-accrual failure detector (Hayashibara et al.), computed as Akka does. Heartbeat inter-arrival
/// times are assumed normally distributed; phi = −log10(P(a heartbeat arrives later than now)), with the mean
/// raised by the acceptable pause and the deviation floored at the minimum, and the normal CDF approximated by
/// the logistic 1/(1 + e^(−y(1.5976 + 0.070566 y²))). Phi 1 means a 10 % chance the node is still fine, 8 a
/// 10⁻⁸ chance.
/// <para>Before any interval is measured, the history holds two samples around the first-heartbeat estimate
/// (mean ± mean/4). An interval that arrives while the node is already suspected is not recorded, so one long
/// outage does not teach the detector to tolerate long outages. Thread-safe.</para>
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly Lock _gate = new();
    private readonly FailureDetectorSettings _settings;
    private readonly TimeProvider _clock;
    private readonly HeartbeatHistory _history;
    private long? _lastTimestamp;

    public PhiAccrualFailureDetector(FailureDetectorSettings? settings = null, TimeProvider? clock = null)
    {
        _settings = (settings ?? FailureDetectorSettings.Default).Validate();
        _clock = clock ?? TimeProvider.System;
        _history = new HeartbeatHistory(_settings.MaxSampleSize);
        var mean = _settings.EffectiveFirstHeartbeatEstimate.TotalMilliseconds;
        var deviation = mean / 4;
        _history.Add(mean - deviation);
        _history.Add(mean + deviation);
    }

    public FailureDetectorSettings Settings => _settings;

    /// <summary>Whether any heartbeat has arrived yet.</summary>
    public bool IsMonitoring
    {
        get { lock (_gate) return _lastTimestamp is not null; }
    }

    /// <summary>True until phi reaches the threshold (and always before the first heartbeat).</summary>
    public bool IsAvailable
    {
        get { lock (_gate) return PhiLocked(_clock.GetTimestamp()) < _settings.Threshold; }
    }

    /// <summary>The suspicion level now; 0 before the first heartbeat.</summary>
    public double Phi
    {
        get { lock (_gate) return PhiLocked(_clock.GetTimestamp()); }
    }

    /// <summary>Records a heartbeat arriving now.</summary>
    public void HeartBeat()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (_lastTimestamp is { } last && PhiLocked(now) < _settings.Threshold)
                _history.Add(Milliseconds(last, now));
            _lastTimestamp = now;
        }
    }

    /// <summary>
    /// Akka's phi for a time since the last heartbeat, given the (pause-adjusted) mean and the deviation, all in ms.
    /// </summary>
    public static double ComputePhi(double timeDiff, double mean, double stdDeviation)
    {
        var y = (timeDiff - mean) / stdDeviation;
        var e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return timeDiff > mean
            ? -Math.Log10(e / (1.0 + e))
            : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }

    private double PhiLocked(long now)
    {
        if (_lastTimestamp is not { } last) return 0.0;
        var mean = _history.Mean + _settings.AcceptableHeartbeatPause.TotalMilliseconds;
        var deviation = Math.Max(_history.StdDeviation, _settings.MinStdDeviation.TotalMilliseconds);
        return ComputePhi(Milliseconds(last, now), mean, deviation);
    }

    private double Milliseconds(long from, long to) => _clock.GetElapsedTime(from, to).TotalMilliseconds;
}
