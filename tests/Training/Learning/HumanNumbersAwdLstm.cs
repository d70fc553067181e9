namespace Troupe.Training.Tests.Learning;

/// <summary>
/// The AWD-LSTM recipe the Human Numbers specs train (docs/benchmarks.md, "AWD-LSTM on Human Numbers", has the search
/// behind it): fastai's AWD_LSTM scaled to the corpus (emb 64, 128 hidden, 2 layers, tied decoder), output dropout
/// 0.4, hidden 0.2, weight 0.2, no input or embedding dropout (input dropout 0.1 gave 0.825 against 0.856
/// on seed 42), fit_one_cycle(30, 1e-2, wd 0.1) with AR 2 / TAR 1 (the registry's recipe).
/// </summary>
internal sealed record HumanNumbersAwdLstm(IReadOnlyDictionary<string, double> Hyperparameters, double Wd, double Lr, int Epochs)
{
    public static HumanNumbersAwdLstm Recipe { get; } = new(
        new Dictionary<string, double>
        {
            ["emb_sz"] = 64, ["n_hid"] = 128, ["n_layers"] = 2, ["output_p"] = 0.4, ["hidden_p"] = 0.2, ["weight_p"] = 0.2,
            ["input_p"] = 0, ["embed_p"] = 0,
        },
        Wd: 0.1, Lr: 1e-2, Epochs: 30);
}
