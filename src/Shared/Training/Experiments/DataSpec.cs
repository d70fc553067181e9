namespace Troupe.Training.Experiments;

/// <summary>
/// The spec's <c>data</c>: which corpus, and for files, where (<see cref="Path"/>, as written in the spec; a relative
/// path is resolved by whoever opens it, against its own working directory) and how to tokenize it.
/// <see cref="ValidPct"/> (csv, language models only): ignore <c>is_valid</c> and hold out that fraction of all the
/// texts, drawn by a fixed seed, as fastai's <c>TextDataLoaders.from_csv(..., is_lm=True, valid_pct=0.1)</c> does, so an
/// LM fine-tuned for a classifier also reads the classifier's (unlabeled) validation texts; in (0, 1).
/// </summary>
public sealed record DataSpec(DataKind Kind, string? Path = null, TokenizerKind Tokenizer = TokenizerKind.Word, double? ValidPct = null);
