namespace Troupe.Actors;

/// <summary>
/// Tells a watcher (and the parent) that <paramref name="Actor"/> is dead. The watcher turns it into
/// exactly one <see cref="Terminated"/>. <paramref name="ExistenceConfirmed"/> is false when the watch
/// reached an actor that was already gone; <paramref name="AddressTerminated"/> is true when a
/// transport declared the actor's whole node dead.
/// </summary>
public sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated) : ISystemMessage;
