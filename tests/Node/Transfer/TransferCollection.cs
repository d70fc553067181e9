namespace Troupe.Node.Tests.Transfer;

/// <summary>
/// The 256 MB transfer specs run alone: hashing and moving that much on a 2-core machine beside the membership specs
/// would starve those specs' gossip (a leave then takes longer than their bound), which is no finding about either.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TransferCollection
{
    public const string Name = "256 MB transfers";
}
