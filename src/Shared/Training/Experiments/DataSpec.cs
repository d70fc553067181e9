namespace Troupe.Training.Experiments;

/// <summary>
/// The spec's <c>data</c>: which corpus, and for files, where (<see cref="Path"/>, as written in the spec; a relative
/// path is resolved by whoever opens it, against its own working directory) and how to tokenize it.
/// </summary>
public sealed record DataSpec(DataKind Kind, string? Path = null, TokenizerKind Tokenizer = TokenizerKind.Word);
