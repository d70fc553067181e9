using System.Collections.Immutable;

namespace Troupe.Cluster.Membership;

/// <summary>
/// Leader rules: Joining members are moved Up only once at least <see cref="MinNrOfMembers"/> members, and per
/// role at least <see cref="MinNrOfMembersPerRole"/> members of that role, are in the membership (Akka's
/// <c>min-nr-of-members</c> and <c>role.NAME.min-nr-of-members</c>).
/// </summary>
public sealed record MembershipSettings
{
    public int MinNrOfMembers { get; init; } = 1;

    public ImmutableDictionary<string, int> MinNrOfMembersPerRole { get; init; } = ImmutableDictionary<string, int>.Empty;

    public static MembershipSettings Default { get; } = new();

    public MembershipSettings Validate()
    {
        if (MinNrOfMembers < 1) throw new ArgumentException($"expected min-nr-of-members >= 1, got {MinNrOfMembers}");
        foreach (var (role, count) in MinNrOfMembersPerRole)
            if (count < 0) throw new ArgumentException($"expected min-nr-of-members >= 0 for role '{role}', got {count}");
        return this;
    }
}
