using System.Collections.Immutable;
using Troupe.Cluster.Membership;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Downing;

/// <summary>
/// Runs a <see cref="DowningStrategy"/> once the set of unreachable members has stayed the same for
/// <see cref="StableAfter"/>, and only on the leader of this side. Feed it every view (<see cref="Decide"/>);
/// it answers with the members to mark Down (empty while unstable, not leader, or nothing to do).
/// Pure apart from the injected clock.
/// </summary>
public sealed class SplitBrainResolver(DowningStrategy strategy, TimeSpan stableAfter, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private ImmutableSortedSet<UniqueAddress> _unreachable = ImmutableSortedSet<UniqueAddress>.Empty;
    private long _stableSince;

    public DowningStrategy Strategy { get; } = strategy ?? throw new ArgumentNullException(nameof(strategy));

    public TimeSpan StableAfter { get; } = stableAfter >= TimeSpan.Zero
        ? stableAfter : throw new ArgumentOutOfRangeException(nameof(stableAfter), $"expected a non-negative stable period, got {stableAfter}");

    /// <summary>The decision last taken (for logs); None until one is taken.</summary>
    public DowningDecision LastDecision { get; private set; }

    /// <summary>The members to down now (empty for none).</summary>
    public IReadOnlyList<UniqueAddress> Decide(MembershipState state, UniqueAddress self)
    {
        var view = DowningView.Of(state, self);
        var unreachable = view.Unreachable.Select(m => m.Node).ToImmutableSortedSet();
        var now = _clock.GetTimestamp();
        if (!unreachable.SetEquals(_unreachable))
        {
            _unreachable = unreachable;
            _stableSince = now;
            return [];
        }
        if (unreachable.IsEmpty || _clock.GetElapsedTime(_stableSince, now) < StableAfter) return [];
        if (state.Leader(self) != self) return [];
        LastDecision = Strategy.Decide(view);
        _stableSince = now;
        return LastDecision switch
        {
            DowningDecision.DownUnreachable => view.Unreachable.Select(m => m.Node).ToList(),
            DowningDecision.DownReachable => view.Reachable.Select(m => m.Node).ToList(),
            _ => [],
        };
    }
}
