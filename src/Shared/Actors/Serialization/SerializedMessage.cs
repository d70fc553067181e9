namespace Troupe.Actors;

/// <summary>A message as bytes plus what is needed to rebuild it.</summary>
public sealed record SerializedMessage(int SerializerId, string Manifest, byte[] Payload);
