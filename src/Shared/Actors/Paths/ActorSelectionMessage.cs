namespace Troupe.Actors;

/// <summary>
/// A message on its way through an <see cref="ActorSelection"/>: <paramref name="Elements"/> are the
/// remaining path elements below the anchor ("..", "*" and "?" wildcards allowed). A transport sends
/// it to a remote root guardian; any actor receiving it delivers it along the elements.
/// </summary>
public sealed record ActorSelectionMessage(object Message, IReadOnlyList<string> Elements) : IAutoReceivedMessage, IPossiblyHarmful;
