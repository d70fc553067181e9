using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// What a language model's forward returns. <see cref="Output"/> are the logits ([bs, vocab] for the book's
/// 3-word models, [bs, sl, vocab] for sequence models). Regularized models (LMModel7, AWD-LSTM) also return
/// the last recurrent layer's activations before (<see cref="Raw"/>) and after (<see cref="Dropped"/>) the
/// output dropout, [bs, sl, hidden], for <c>RNNRegularizer</c>'s AR (on dropped) and TAR (on raw).
/// The tensors belong to the caller's dispose scope.
/// </summary>
public sealed record LanguageModelOutput(Tensor Output, Tensor? Raw = null, Tensor? Dropped = null);
