namespace Troupe.Training.Text;

/// <summary>
/// What a trainer iterates: a fixed number of batches per epoch, deterministic for a given epoch number
/// (shuffling, when enabled, is keyed by the loader's seed and the epoch), and a row view for data-parallel
/// replicas.
/// </summary>
public interface ITextDataLoader
{
    /// <summary>Rows of a full batch in this view.</summary>
    int BatchSize { get; }

    /// <summary>Batches one epoch yields (Batches(e).Count() for every e).</summary>
    int BatchCount { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based), in training order.</summary>
    IEnumerable<TextBatch> Batches(int epoch = 0);

    /// <summary>
    /// A view that yields rows [start, start+count) of every batch this loader yields, so a replica's hidden
    /// state keeps following the same streams as in the single-replica run. Rows are relative to this view.
    /// </summary>
    ITextDataLoader Rows(int start, int count);
}
