using Troupe.Actors;

namespace Troupe.TestKit;

/// <summary>A message a test actor received, with its sender (dead letters when it had none).</summary>
public sealed record ReceivedMessage(object Message, IActorRef Sender);
