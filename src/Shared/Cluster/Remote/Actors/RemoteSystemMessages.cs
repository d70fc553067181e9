namespace Troupe.Cluster.Remote.Actors;

/// <summary>Serializer id 3 and its manifests: runtime messages the remote provider itself sends and handles.</summary>
internal static class RemoteSystemMessages
{
    public const int SerializerId = 3;
    public const string Watch = "W";
    public const string Unwatch = "U";
    public const string DeathWatchNotification = "D";
    public const string Stop = "X";
    public const string Selection = "A";
}
