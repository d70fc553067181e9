namespace Troupe.Cluster.FailureDetection;

/// <summary>
/// The last <see cref="MaxSampleSize"/> heartbeat intervals (ms) with running sums, so mean and variance
/// cost O(1): mean = Σx/n, variance = Σx²/n − mean². Not thread-safe; the detector guards it.
/// </summary>
public sealed class HeartbeatHistory
{
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _squaredSum;

    public HeartbeatHistory(int maxSampleSize)
    {
        if (maxSampleSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxSampleSize), $"expected a positive max sample size, got {maxSampleSize}");
        MaxSampleSize = maxSampleSize;
    }

    public int MaxSampleSize { get; }
    public int Count => _intervals.Count;
    public double Mean => _sum / _intervals.Count;
    public double Variance => _squaredSum / _intervals.Count - Mean * Mean;
    public double StdDeviation => Math.Sqrt(Math.Max(0, Variance));

    /// <summary>Adds an interval, dropping the oldest when full.</summary>
    public void Add(double intervalMilliseconds)
    {
        if (_intervals.Count == MaxSampleSize)
        {
            var oldest = _intervals.Dequeue();
            _sum -= oldest;
            _squaredSum -= oldest * oldest;
        }
        _intervals.Enqueue(intervalMilliseconds);
        _sum += intervalMilliseconds;
        _squaredSum += intervalMilliseconds * intervalMilliseconds;
    }
}
