namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// What the live view draws at one moment, immutable so the drawing thread can read it while the aggregator builds
/// the next: the visible <see cref="Rows"/> (<see cref="Hidden"/> more did not fit), trials done of
/// <see cref="Total"/>, running, the workers, the best trial by <see cref="Metric"/>, the ETA (an upper bound; null
/// before the first epoch), how the sweep ended (<see cref="Outcome"/>) and when the view started (UTC), for the clock.
/// </summary>
internal sealed record LiveFrame(
    string Name,
    IReadOnlyList<TrialRow> Rows,
    int Hidden,
    int Done,
    int Total,
    int Running,
    int Workers,
    int Epochs,
    string Metric,
    string? BestTrial,
    double? BestValue,
    TimeSpan? Eta,
    string? Outcome,
    DateTime Started);
