namespace Troupe.Training.Learning;

/// <summary>
/// A validation metric (fastai's <c>Metric</c>): reset before each validation pass, fed every validation batch
/// (after the loss, with <see cref="Learner.Pred"/>, <see cref="Learner.Yb"/> and <see cref="Learner.Loss"/> set),
/// read once the pass ends.
/// </summary>
public interface IMetric
{
    /// <summary>The column name fastai prints (accuracy, perplexity).</summary>
    string Name { get; }

    void Reset();

    void Accumulate(Learner learn);

    /// <summary>The value over the batches seen since <see cref="Reset"/> (float32, as fastai computes it).</summary>
    float Value { get; }
}
