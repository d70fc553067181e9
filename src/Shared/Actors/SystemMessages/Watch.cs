namespace Troupe.Actors;

/// <summary><paramref name="Watcher"/> asks to get a <see cref="DeathWatchNotification"/> when <paramref name="Watchee"/> dies. Sent to the watchee.</summary>
public sealed record Watch(IActorRef Watchee, IActorRef Watcher) : ISystemMessage;
