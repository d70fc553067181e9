namespace Troupe.Training.DpPeer;

/// <summary>One epoch row of a <see cref="DpResult"/>.</summary>
public sealed record DpEpoch(int Epoch, double TrainLoss, double ValidLoss, double Accuracy, double TokensPerSecond, IReadOnlyList<double> ReplicaTokensPerSecond);
