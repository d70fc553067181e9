namespace Troupe.Node.Transfer;

/// <summary>
/// The sender's side of a <see cref="BlobOffer"/>: <see cref="Completion"/> ends when the receiver has taken every
/// chunk, and fails when it went away, cancelled, or never subscribed within <see cref="BlobTransfer.SubscriptionTimeout"/>.
/// </summary>
public sealed record BlobSending(BlobOffer Offer, Task Completion);
