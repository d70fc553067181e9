using System.Collections.Concurrent;

namespace Troupe.Cluster.FailureDetection;

/// <summary>
/// One phi-accrual detector per monitored resource (a node), created on its first heartbeat. A resource
/// never heard from is available: nothing suspects a node before monitoring starts. Thread-safe.
/// </summary>
public sealed class FailureDetectorRegistry<TKey>(FailureDetectorSettings settings, TimeProvider? clock = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, PhiAccrualFailureDetector> _detectors = new();
    private readonly FailureDetectorSettings _settings = settings.Validate();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public void HeartBeat(TKey resource) =>
        _detectors.GetOrAdd(resource, _ => new PhiAccrualFailureDetector(_settings, _clock)).HeartBeat();

    public bool IsAvailable(TKey resource) => !_detectors.TryGetValue(resource, out var d) || d.IsAvailable;

    public bool IsMonitoring(TKey resource) => _detectors.TryGetValue(resource, out var d) && d.IsMonitoring;

    /// <summary>Phi for a resource; 0 when it is not monitored.</summary>
    public double Phi(TKey resource) => _detectors.TryGetValue(resource, out var d) ? d.Phi : 0.0;

    /// <summary>Forgets a resource (it left or was removed); a later heartbeat starts a fresh history.</summary>
    public void Remove(TKey resource) => _detectors.TryRemove(resource, out _);

    public void Reset() => _detectors.Clear();
}
