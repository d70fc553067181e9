namespace Troupe.Training.DpPeer;

/// <summary>
/// One data-parallel test fit, the same on every replica: a registry model with the book's recipe on Human
/// Numbers (<c>LoadersFor(DataLayout.Sequence)</c>, bs 64), <see cref="Epochs"/> epochs of fit_one_cycle, weights
/// from <see cref="Seed"/>; <see cref="Batches"/> keeps only the first batches of each pass (quick in-process specs).
/// <see cref="PauseAt"/> makes a replica stop answering before that (epoch, batch) (fault tests);
/// <see cref="WeightSeed"/> draws this replica's initial weights from another seed (rank 0's broadcast must win);
/// <see cref="StopAfterEpochs"/> ends the fit at that epoch boundary with a checkpoint, which <see cref="ResumeFrom"/>
/// resumes (possibly with another replica count). <see cref="Params"/> are a trial's parameters (<c>lr</c>, <c>wd</c>,
/// and the model's hyperparameters; see <c>TrialRecipe.Resolve</c>); null: the registry's recipe and sizes.
/// </summary>
public sealed record DpRun(string Model, int Epochs, long Seed = 42, int? Batches = null, (int Epoch, int Batch)? PauseAt = null, long? WeightSeed = null,
    int? StopAfterEpochs = null, byte[]? ResumeFrom = null, IReadOnlyDictionary<string, double>? Params = null);
