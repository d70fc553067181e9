namespace Troupe.Actors;

/// <summary>A scheduled task that can be cancelled; cancelling twice is harmless.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}
