using System.Collections.Immutable;
using Troupe.Cluster.Remote.Addressing;

namespace Troupe.Cluster.Membership;

/// <summary>
/// One incarnation in the membership: unique address, status, roles and up-number (the order in which
/// members became Up; lower is older). Equality is by value, roles included.
/// </summary>
public sealed record Member
{
    private static readonly Dictionary<MemberStatus, MemberStatus[]> Allowed = new()
    {
        [MemberStatus.Joining] = [MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed],
        [MemberStatus.Up] = [MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed],
        [MemberStatus.Leaving] = [MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed],
        [MemberStatus.Exiting] = [MemberStatus.Down, MemberStatus.Removed],
        [MemberStatus.Down] = [MemberStatus.Removed],
        [MemberStatus.Removed] = [],
    };

    public Member(UniqueAddress node, MemberStatus status, IEnumerable<string> roles, int upNumber = 0)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        Status = status;
        Roles = roles.ToImmutableSortedSet(StringComparer.Ordinal);
        UpNumber = upNumber >= 0 ? upNumber : throw new ArgumentOutOfRangeException(nameof(upNumber), $"expected a non-negative up-number, got {upNumber}");
    }

    public UniqueAddress Node { get; }
    public MemberStatus Status { get; init; }
    public ImmutableSortedSet<string> Roles { get; }

    /// <summary>0 until the member is Up; then its rank in the order members became Up.</summary>
    public int UpNumber { get; init; }

    public NodeAddress Address => Node.Address;

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>This member with a new status.</summary>
    /// <exception cref="InvalidOperationException">the lifecycle does not allow the transition.</exception>
    public Member WithStatus(MemberStatus status)
    {
        if (status == Status) return this;
        if (!Allowed[Status].Contains(status))
            throw new InvalidOperationException($"expected a transition allowed from {Status}, got {Status} -> {status} for {Node}");
        return this with { Status = status };
    }

    /// <summary>Older first: lower up-number, then lower address. Members not yet Up are youngest.</summary>
    public bool IsOlderThan(Member other)
    {
        var mine = UpNumber == 0 ? int.MaxValue : UpNumber;
        var theirs = other.UpNumber == 0 ? int.MaxValue : other.UpNumber;
        return mine != theirs ? mine < theirs : Node.CompareTo(other.Node) < 0;
    }

    /// <summary>Two views of the same incarnation: the later status wins; the earliest up-number is kept.</summary>
    public static Member Merge(Member a, Member b)
    {
        if (a.Node != b.Node) throw new ArgumentException($"expected two views of one member, got {a.Node} and {b.Node}");
        var status = (MemberStatus)Math.Max((int)a.Status, (int)b.Status);
        var up = a.UpNumber == 0 ? b.UpNumber : b.UpNumber == 0 ? a.UpNumber : Math.Min(a.UpNumber, b.UpNumber);
        var winner = a.Status >= b.Status ? a : b;
        return winner.Status == status && winner.UpNumber == up ? winner : winner with { Status = status, UpNumber = up };
    }

    public bool Equals(Member? other) =>
        other is not null && Node == other.Node && Status == other.Status && UpNumber == other.UpNumber && Roles.SetEquals(other.Roles);

    public override int GetHashCode() => HashCode.Combine(Node, Status, UpNumber, Roles.Count);

    public override string ToString() =>
        $"Member({Node}, {Status}{(Roles.IsEmpty ? "" : ", roles=" + string.Join(",", Roles))}{(UpNumber > 0 ? ", up#" + UpNumber : "")})";
}
