using System.Collections.Immutable;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership;

/// <summary>
/// Who finds whom unreachable. Each observer owns its rows (its failure detector's verdicts) and a version it
/// bumps on every change, so merging two views takes, per observer, the rows with the higher version; no
/// observer's opinion can be overwritten by anyone else. A subject is unreachable while any observer holds an
/// Unreachable row for it. Immutable.
/// </summary>
public sealed class Reachability
{
    public static Reachability Empty { get; } = new(ImmutableSortedDictionary<UniqueAddress, ObserverRows>.Empty);

    private Reachability(ImmutableSortedDictionary<UniqueAddress, ObserverRows> observers) => Observers = observers;

    /// <summary>Rebuilds reachability from its rows (deserialization).</summary>
    public static Reachability Create(IEnumerable<KeyValuePair<UniqueAddress, ObserverRows>> observers) =>
        new(observers.ToImmutableSortedDictionary());

    /// <summary>Per observer: its version and the subjects it finds unreachable.</summary>
    public ImmutableSortedDictionary<UniqueAddress, ObserverRows> Observers { get; }

    /// <summary>Subjects some observer finds unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachable =>
        Observers.Values.SelectMany(r => r.Unreachable).ToImmutableSortedSet();

    public bool IsReachable(UniqueAddress subject) => !Observers.Values.Any(r => r.Unreachable.Contains(subject));

    /// <summary>Subjects <paramref name="observer"/> itself finds unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> UnreachableFrom(UniqueAddress observer) =>
        Observers.TryGetValue(observer, out var rows) ? rows.Unreachable : ImmutableSortedSet<UniqueAddress>.Empty;

    public Reachability MarkUnreachable(UniqueAddress observer, UniqueAddress subject)
    {
        var rows = Observers.GetValueOrDefault(observer) ?? ObserverRows.Empty;
        return rows.Unreachable.Contains(subject) ? this
            : new Reachability(Observers.SetItem(observer, new ObserverRows(rows.Version + 1, rows.Unreachable.Add(subject))));
    }

    public Reachability MarkReachable(UniqueAddress observer, UniqueAddress subject)
    {
        if (!Observers.TryGetValue(observer, out var rows) || !rows.Unreachable.Contains(subject)) return this;
        return new Reachability(Observers.SetItem(observer, new ObserverRows(rows.Version + 1, rows.Unreachable.Remove(subject))));
    }

    /// <summary>Per observer, the rows with the higher version.</summary>
    public Reachability Merge(Reachability other)
    {
        var merged = Observers;
        foreach (var (observer, theirs) in other.Observers)
            if (!merged.TryGetValue(observer, out var mine) || theirs.Version > mine.Version) merged = merged.SetItem(observer, theirs);
        return new Reachability(merged);
    }

    /// <summary>Drops every row by or about a node no longer in the membership.</summary>
    public Reachability Prune(Func<UniqueAddress, bool> isMember)
    {
        var pruned = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ObserverRows>();
        foreach (var (observer, rows) in Observers)
        {
            if (!isMember(observer)) continue;
            var kept = rows.Unreachable.Where(isMember).ToImmutableSortedSet();
            pruned[observer] = kept.Count == rows.Unreachable.Count ? rows : rows with { Unreachable = kept };
        }
        return pruned.Count == Observers.Count && pruned.All(p => ReferenceEquals(p.Value, Observers[p.Key]))
            ? this : new Reachability(pruned.ToImmutable());
    }

    public bool ContentEquals(Reachability other) =>
        Observers.Count == other.Observers.Count
        && Observers.All(p => other.Observers.TryGetValue(p.Key, out var theirs) && p.Value.Version == theirs.Version && p.Value.Unreachable.SetEquals(theirs.Unreachable));

    public override string ToString() =>
        "Reachability(" + string.Join("; ", Observers.Select(p => $"{p.Key} v{p.Value.Version}: [{string.Join(", ", p.Value.Unreachable)}]")) + ")";
}
