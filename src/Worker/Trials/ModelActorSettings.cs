namespace Troupe.Worker.Trials;

/// <summary>How a model actor reports: at most one batch progress report per <see cref="ProgressInterval"/> (zero: every batch).</summary>
public sealed record ModelActorSettings(TimeSpan ProgressInterval)
{
    public static ModelActorSettings Default { get; } = new(TimeSpan.FromSeconds(1));
}
