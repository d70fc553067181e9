namespace Troupe.Actors;

/// <summary>A behaviour: handles a message and says whether it did. An unhandled message goes to <c>Unhandled</c>.</summary>
public delegate bool Receive(object message);
