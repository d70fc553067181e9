namespace Troupe.Actors;

/// <summary>Cancels a <see cref="Watch"/>. Sent to the watchee.</summary>
public sealed record Unwatch(IActorRef Watchee, IActorRef Watcher) : ISystemMessage;
