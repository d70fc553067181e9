namespace Troupe.Actors;

/// <summary>A timer of <see cref="Owner"/> fired; delivered only if <see cref="Generation"/> is still the key's current one.</summary>
internal sealed record TimerMessage(object Key, int Generation, TimerScheduler Owner) : IAutoReceivedMessage;
