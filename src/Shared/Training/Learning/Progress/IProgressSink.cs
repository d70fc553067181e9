namespace Troupe.Training.Learning;

/// <summary>
/// Receives a fit's progress, synchronously on the training thread (a model actor forwards each call as a
/// message; a console prints the table). Implementations must be quick and must not call back into the Learner.
/// </summary>
public interface IProgressSink
{
    /// <summary>The fit starts: the table's column names (epoch, train_loss, valid_loss, metrics..., time).</summary>
    void OnFitStart(IReadOnlyList<string> columns, int epochs);

    void OnBatch(BatchProgress progress);

    void OnEpoch(EpochRecord record);

    /// <summary>The fit ended; <paramref name="cancelled"/> when a <see cref="CancelFitException"/> (or a stop) ended it early.</summary>
    void OnFitEnd(bool cancelled);
}
