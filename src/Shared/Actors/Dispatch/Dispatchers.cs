namespace Troupe.Actors;

/// <summary>The dispatchers of a system, looked up by the id in <see cref="Props.Dispatcher"/>.</summary>
public sealed class Dispatchers
{
    /// <summary>The thread-pool dispatcher every actor uses unless its props say otherwise.</summary>
    public const string DefaultId = "default";

    /// <summary>A dedicated thread per actor (<see cref="PinnedDispatcher"/>).</summary>
    public const string PinnedId = "pinned";

    private readonly PinnedDispatcher pinned = new(PinnedId);

    internal Dispatchers(ActorSystemSettings settings)
    {
        Default = new ThreadPoolDispatcher(DefaultId, settings.Throughput, settings.PreferLocalScheduling);
    }

    public MessageDispatcher Default { get; }

    public MessageDispatcher Lookup(string id) => id switch
    {
        DefaultId => Default,
        PinnedId => pinned,
        _ => throw new ArgumentException($"expected dispatcher id '{DefaultId}' or '{PinnedId}', got '{id}'", nameof(id)),
    };
}
