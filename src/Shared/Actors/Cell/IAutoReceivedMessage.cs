namespace Troupe.Actors;

/// <summary>Marks user messages the cell handles itself before (or instead of) the behaviour.</summary>
internal interface IAutoReceivedMessage;
