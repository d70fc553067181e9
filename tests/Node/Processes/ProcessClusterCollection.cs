namespace Troupe.Node.Tests.Processes;

/// <summary>Multi-process tests run alone: other tests competing for two cores would blur failure detection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    public const string Name = "cluster processes";
}
