namespace Troupe.Actors;

/// <summary>Marks a message a transport should refuse to accept from another node (runtime control messages).</summary>
public interface IPossiblyHarmful;
