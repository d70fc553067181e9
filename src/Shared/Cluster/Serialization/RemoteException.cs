namespace Troupe.Cluster.Serialization;

/// <summary>An exception that happened on another node, rebuilt from its type name and message.</summary>
public sealed class RemoteException(string originalType, string message) : Exception($"{originalType}: {message}")
{
    public string OriginalType { get; } = originalType;
}
