namespace Troupe.Actors;

/// <summary>
/// A message for the runtime rather than the actor: processed before any user message, even while the
/// actor is suspended. The public ones (<see cref="Watch"/>, <see cref="Unwatch"/>,
/// <see cref="DeathWatchNotification"/>) are the ones a transport carries between nodes.
/// </summary>
public interface ISystemMessage;
