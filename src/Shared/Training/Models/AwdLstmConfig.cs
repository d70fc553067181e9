namespace Troupe.Training.Models;

/// <summary>
/// AWD-LSTM's sizes and dropouts. Defaults are fastai's <c>awd_lstm_lm_config</c> (what
/// <c>language_model_learner</c> uses): emb 400, hidden 1152, 3 layers, padding id 1 (<c>xxpad</c>),
/// output_p 0.1, hidden_p 0.15, input_p 0.25, embed_p 0.02, weight_p 0.2, tied weights, decoder bias.
/// Every <c>*_p</c> is multiplied by <see cref="DropMult"/>, as <c>get_language_model</c> does.
/// </summary>
public sealed record AwdLstmConfig(
    int EmbSize = 400,
    int HiddenSize = 1152,
    int Layers = 3,
    int? PadToken = 1,
    double OutputP = 0.1,
    double HiddenP = 0.15,
    double InputP = 0.25,
    double EmbedP = 0.02,
    double WeightP = 0.2,
    double DropMult = 1.0,
    bool TieWeights = true,
    bool OutBias = true);
