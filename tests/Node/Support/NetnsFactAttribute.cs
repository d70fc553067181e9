namespace Troupe.Node.Tests.Support;

/// <summary>A fact that skips itself, saying why, where network namespaces are not available (not root, no ip netns).</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(NetworkNamespaces.Unavailable);

    public NetnsFactAttribute()
    {
        if (Reason.Value is { } reason) Skip = reason;
    }
}
