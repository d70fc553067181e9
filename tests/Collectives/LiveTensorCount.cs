namespace Troupe.Collectives.Tests;

/// <summary>
/// Every spec here runs alone: one spec counts live tensors (a process-wide figure), and the multi-process ones
/// would only slow each other down on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTensorCount
{
    public const string Name = "live-tensor-count";
}
