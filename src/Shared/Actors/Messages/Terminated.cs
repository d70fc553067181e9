namespace Troupe.Actors;

/// <summary>
/// Delivered once to each watcher of a dead actor (<see cref="IActorContext.Watch"/>). Not handling it
/// raises <see cref="DeathPactException"/>. <paramref name="ExistenceConfirmed"/> is false when the
/// actor was already gone when the watch arrived; <paramref name="AddressTerminated"/> is true when its
/// node was declared dead (<see cref="AddressTerminated"/>).
/// </summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true, bool AddressTerminated = false) : IPossiblyHarmful;
