namespace Troupe.Cluster.Membership;

/// <summary>Members in address order (then uid).</summary>
public sealed class MemberOrder : IComparer<Member>
{
    public static MemberOrder Instance { get; } = new();

    public int Compare(Member? x, Member? y) =>
        x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.Node.CompareTo(y.Node);
}
