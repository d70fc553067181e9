namespace Troupe.Training.Learning;

/// <summary>
/// What a progress sink hears after every batch: where the fit is (epoch, batch <see cref="Iter"/> of
/// <see cref="BatchCount"/>, training or validation), the batch loss, and for training batches the smoothed
/// loss and the learning rate and momentum the step used.
/// </summary>
public sealed record BatchProgress(
    int Epoch,
    int Iter,
    int BatchCount,
    bool Training,
    double Loss,
    double? SmoothLoss,
    double? Lr,
    double? Mom);
