namespace Troupe.Actors;

/// <summary>Every actor answers with <see cref="ActorIdentity"/> carrying its ref; dead letters answer with a null ref.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;
