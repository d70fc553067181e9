namespace Troupe.Training.Models;

/// <summary>
/// The pretrained AWD-LSTM artifacts a finished run of a model leaves for a later stage (<c>RUN_DIR/best/…</c>):
/// the encoder (embedding and LSTMs with the vocab) and, for a language model, the whole model with its decoder.
/// </summary>
[Flags]
public enum ModelArtifacts
{
    None = 0,
    Encoder = 1,
    LanguageModel = 2,
}
