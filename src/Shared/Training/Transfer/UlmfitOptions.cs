using Troupe.Training.Models;

namespace Troupe.Training.Transfer;

/// <summary>
/// Sizes and schedule of the ULMFiT chain. fastai's defaults (emb 400, hidden 1152, 3 layers, bptt 72, bs 64) need
/// a GPU; the defaults here are a documented CPU-sized AWD-LSTM (emb 128, hidden 256, 2 layers, bptt 70, bs 32)
/// with fastai's dropouts and schedules: LM fine-tuning <c>drop_mult 0.3</c>, one frozen epoch at 2e-2 then
/// unfrozen at 2e-3; the classifier <c>drop_mult 0.5</c> with gradual unfreezing and <c>slice(lr/2.6**4, lr)</c>.
/// </summary>
public sealed record UlmfitOptions
{
    public int EmbSize { get; init; } = 128;

    public int HiddenSize { get; init; } = 256;

    public int Layers { get; init; } = 2;

    public int Bptt { get; init; } = 70;

    public int BatchSize { get; init; } = 32;

    public int PretrainEpochs { get; init; } = 6;

    public double PretrainLr { get; init; } = 1e-2;

    public int FineTuneEpochs { get; init; } = 4;

    public double LmDropMult { get; init; } = 0.3;

    public double ClassifierDropMult { get; init; } = 0.5;

    /// <summary>Epochs of the last, fully unfrozen classifier stage (fastai's IMDB recipe uses 2).</summary>
    public int ClassifierEpochs { get; init; } = 2;

    public int MinFreq { get; init; } = 2;

    public ulong Seed { get; init; } = 42;

    public AwdLstmConfig Config(int? padToken, double dropMult) => new(EmbSize, HiddenSize, Layers, padToken, DropMult: dropMult);
}
