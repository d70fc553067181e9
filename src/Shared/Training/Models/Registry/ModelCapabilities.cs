namespace Troupe.Training.Models;

/// <summary>
/// What a model can take part in, declared once on its <see cref="ModelDefinition"/> so that spec validation, the
/// trial recipe and the artifact export read it instead of comparing model names:
/// <list type="bullet">
/// <item><see cref="Kind"/>: a language model or a classifier (a classifier reads <see cref="DataLayout.Labeled"/> data
/// and gets ULMFiT's classifier phases when unfrozen gradually);</item>
/// <item><see cref="OneReplicaBecause"/>: null when a trial may train as data-parallel replicas, otherwise why not
/// (validation refuses <c>resources.replicas</c> above 1 with it);</item>
/// <item><see cref="Exports"/> and <see cref="InitFrom"/>: the pretrained artifacts a run leaves, and whether a fresh
/// trial can start from one (<c>init_from</c>);</item>
/// <item><see cref="LayerGroups"/>: whether the model has ULMFiT's layer groups, so <c>train.unfreeze: gradual</c> applies.</item>
/// </list>
/// </summary>
public sealed record ModelCapabilities(ModelKind Kind)
{
    /// <summary>A language model with no artifacts and one layer group that may train as replicas (the chapter's LMModel1..7).</summary>
    public static ModelCapabilities LanguageModel { get; } = new(ModelKind.LanguageModel);

    /// <summary>Null: data-parallel replicas allowed; otherwise the reason a trial trains as 1 replica (e.g. "it has no gradients to share").</summary>
    public string? OneReplicaBecause { get; init; }

    /// <summary>What a finished run of the model exports from its best checkpoint; <see cref="ModelArtifacts.None"/> for none.</summary>
    public ModelArtifacts Exports { get; init; }

    /// <summary>Whether a fresh trial can start from an AWD-LSTM artifact (<c>init_from</c>: an encoder or a language model).</summary>
    public bool InitFrom { get; init; }

    /// <summary>Whether the model has ULMFiT's layer groups (encoder, each LSTM, head), the precondition of gradual unfreezing.</summary>
    public bool LayerGroups { get; init; }

    public bool Replicas => OneReplicaBecause is null;
}
