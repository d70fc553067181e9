namespace Troupe.Actors;

/// <summary>
/// How death watch queues a <see cref="Terminated"/> for the watcher: the cell unwraps it only if the
/// watch is still on (an Unwatch in between drops it). A plain <see cref="Terminated"/> someone
/// forwarded is an ordinary message.
/// </summary>
internal sealed record TerminatedNotice(Terminated Terminated) : IAutoReceivedMessage;
