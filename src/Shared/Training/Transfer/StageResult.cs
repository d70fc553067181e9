using Troupe.Training.Learning;

namespace Troupe.Training.Transfer;

/// <summary>What one ULMFiT stage produced: its rows (every fit, in order), the artifact it wrote, and its vocab size.</summary>
public sealed record StageResult(string Stage, IReadOnlyList<EpochRecord> Rows, string Artifact, int VocabSize)
{
    public EpochRecord Last => Rows[^1];
}
