namespace Troupe.Training.Experiments;

/// <summary>The spec's <c>train.unfreeze</c>: every layer group trains from the start, or ULMFiT's gradual unfreezing.</summary>
public enum UnfreezeKind
{
    /// <summary><c>none</c>: one fit over every layer group (nothing is frozen).</summary>
    None,

    /// <summary>
    /// <c>gradual</c>: ULMFiT's recipe for the model (<see cref="Transfer.GradualUnfreezing"/>): a language model trains its
    /// last group (the embeddings) for one epoch, then everything; a classifier unfreezes one group per epoch from the head down.
    /// </summary>
    Gradual,
}
