namespace Troupe.Training.Tuning;

/// <summary>How a search space becomes trials (Ray's BasicVariantGenerator in its two uses).</summary>
public enum SearchKind
{
    /// <summary>Cartesian product of every grid(...) and choice(...) domain; other domains sampled; repeated <c>samples</c> times.</summary>
    Grid,

    /// <summary><c>samples</c> seeded draws of every domain; grid(...) domains still enumerated (each draw once per grid point).</summary>
    Random,
}
