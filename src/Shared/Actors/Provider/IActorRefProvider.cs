namespace Troupe.Actors;

/// <summary>
/// Turns paths into refs and refs into wire strings: the seam a transport plugs into. The local
/// provider knows one address; a remote provider (Troupe.Cluster, installed through
/// <see cref="ActorSystemSettings.ProviderFactory"/>) also answers for its external address
/// (<c>troupe://sys@host:port</c>) by delegating to <see cref="LocalActorRefProvider.ResolveLocal"/>,
/// and makes its own <see cref="ActorRefBase"/> subclass for any other address. Actor code never
/// changes: it only sees <see cref="IActorRef"/>.
/// </summary>
public interface IActorRefProvider
{
    /// <summary>The system this provider serves.</summary>
    ActorSystem System { get; }

    /// <summary>The address other nodes reach this system at (<c>troupe://sys</c> when there is no transport).</summary>
    Address DefaultAddress { get; }

    /// <summary>The root of local paths (<c>troupe://sys/</c>); local refs keep this address in their paths.</summary>
    ActorPath RootPath { get; }

    IActorRef DeadLetters { get; }

    /// <summary>True when <paramref name="address"/> is this system (local or external address).</summary>
    bool HasAddress(Address address);

    /// <summary>The ref at <paramref name="path"/>: a live local actor, a remote ref, or a ref whose messages become dead letters.</summary>
    IActorRef ResolveActorRef(ActorPath path);

    /// <summary>Parses and resolves a path written by <see cref="SerializeActorRef"/>.</summary>
    IActorRef ResolveActorRef(string path);

    /// <summary>The full path (with <see cref="DefaultAddress"/> for local refs) and uid, as it travels on the wire.</summary>
    string SerializeActorRef(IActorRef actorRef);

    /// <summary>The root guardian at <paramref name="address"/>: the anchor of an <see cref="ActorSelection"/>.</summary>
    IActorRef RootGuardianAt(Address address);
}
