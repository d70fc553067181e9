namespace Troupe.Node.Transfer;

/// <summary>
/// The sender's side of a <see cref="BlobOffer"/>: <see cref="Completion"/> ends when the receiver has taken every
/// chunk, and fails when it went away, cancelled, or never subscribed within Akka's stream-ref subscription timeout.
/// </summary>
public sealed record BlobSending(BlobOffer Offer, Task Completion);
