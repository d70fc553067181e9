using System.Text;

namespace Troupe.Actors;

/// <summary>
/// The name of an actor: an <see cref="Address"/> plus the names from the root guardian down
/// (<c>troupe://sys/user/parent/child</c>) and the uid of one incarnation (<c>#123</c>, 0 when unknown).
/// Equality and hash ignore the uid, as in Akka; <see cref="IActorRef"/> equality adds it.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    private readonly string? name;
    private int hash;

    private ActorPath(Address address)
    {
        Address = address;
        name = null;
        Depth = 0;
    }

    private ActorPath(ActorPath parent, string name, long uid)
    {
        Address = parent.Address;
        Parent = parent;
        this.name = name;
        Uid = uid;
        Depth = parent.Depth + 1;
    }

    /// <summary>The root path of <paramref name="address"/>: <c>troupe://sys/</c>.</summary>
    public static ActorPath Root(Address address) => new(address ?? throw new ArgumentNullException(nameof(address)));

    public Address Address { get; }

    /// <summary>The parent path; null for a root path.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; "/" for a root path.</summary>
    public string Name => name ?? "/";

    /// <summary>The incarnation: two actors created under the same path have different uids. 0 means "any".</summary>
    public long Uid { get; }

    /// <summary>Number of elements below the root.</summary>
    public int Depth { get; }

    public bool IsRoot => Parent is null;

    public ActorPath RootPath
    {
        get
        {
            var p = this;
            while (p.Parent is not null) p = p.Parent;
            return p;
        }
    }

    /// <summary>The element names below the root, top first (<c>["user", "a"]</c>).</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent) elements[p.Depth - 1] = p.name!;
            return elements;
        }
    }

    /// <summary>A child path without uid.</summary>
    public ActorPath Child(string childName)
    {
        ValidateElement(childName, allowSystemNames: true);
        return new ActorPath(this, childName, 0);
    }

    public static ActorPath operator /(ActorPath parent, string childName) => parent.Child(childName);

    /// <summary>A child path of several elements.</summary>
    public ActorPath Descendant(IEnumerable<string> elements)
    {
        var p = this;
        foreach (var e in elements) p = p.Child(e);
        return p;
    }

    /// <summary>This path with another uid.</summary>
    public ActorPath WithUid(long uid) =>
        Parent is null
            ? (uid == 0 ? this : throw new InvalidOperationException($"expected uid 0 on a root path, got {uid}"))
            : uid == Uid ? this : new ActorPath(Parent, name!, uid);

    internal static ActorPath CreateChild(ActorPath parent, string childName, long uid) => new(parent, childName, uid);

    /// <summary>The path without address: <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null) return "/";
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    /// <summary>The path with <paramref name="address"/> in place of its own (how refs travel on the wire).</summary>
    public string ToStringWithAddress(Address address) => address + ToStringWithoutAddress();

    /// <summary>The path followed by <c>#uid</c> when the uid is known.</summary>
    public string ToSerializationFormat(Address? address = null)
    {
        var s = (address ?? Address) + ToStringWithoutAddress();
        return Uid == 0 ? s : $"{s}#{Uid}";
    }

    public override string ToString() => Address + ToStringWithoutAddress();

    private void AppendElements(StringBuilder sb)
    {
        if (Parent is null) return;
        Parent.AppendElements(sb);
        sb.Append('/').Append(name);
    }

    /// <summary>Parses <c>troupe://sys[@host:port]/a/b[#uid]</c>.</summary>
    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path))
            throw new FormatException($"expected an actor path like 'troupe://sys/user/a' or 'troupe://sys@host:port/user/a#42', got '{text}'");
        return path;
    }

    public static bool TryParse(string? text, out ActorPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text) || !Address.TryParse(text, out var address, out var rest)) return false;
        long uid = 0;
        var hashIndex = rest.IndexOf('#');
        if (hashIndex >= 0)
        {
            if (!long.TryParse(rest.AsSpan(hashIndex + 1), out uid)) return false;
            rest = rest[..hashIndex];
        }
        var p = Root(address);
        foreach (var element in rest.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsValidElement(element, allowSystemNames: true)) return false;
            p = new ActorPath(p, element, 0);
        }
        path = uid == 0 || p.IsRoot ? p : p.WithUid(uid);
        return true;
    }

    internal static void ValidateSystemName(string system)
    {
        if (string.IsNullOrEmpty(system) || !system.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || system[0] is '-' or '_')
            throw new ArgumentException($"expected a system name of ASCII letters, digits, '-' and '_' starting with a letter or digit, got '{system}'", nameof(system));
    }

    /// <summary>Throws unless <paramref name="element"/> is a usable actor name.</summary>
    internal static void ValidateElement(string element, bool allowSystemNames)
    {
        if (!IsValidElement(element, allowSystemNames))
            throw new InvalidActorNameException(
                $"expected an actor name of letters, digits and -_.*$+:@&=,!~';() not starting with '$', got '{element}'");
    }

    internal static bool IsValidElement(string? element, bool allowSystemNames)
    {
        if (string.IsNullOrEmpty(element)) return false;
        if (element[0] == '$' && !allowSystemNames) return false;
        foreach (var c in element)
        {
            if (char.IsAsciiLetterOrDigit(c)) continue;
            if ("-_.*$+:@&=,!~';()?".IndexOf(c) >= 0) continue;
            return false;
        }
        return true;
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Depth != Depth || other.GetHashCode() != GetHashCode()) return false;
        var a = this;
        var b = other;
        while (a.Parent is not null)
        {
            if (!string.Equals(a.name, b.name, StringComparison.Ordinal)) return false;
            a = a.Parent;
            b = b.Parent!;
        }
        return a.Address.Equals(b.Address);
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    public override int GetHashCode()
    {
        if (hash != 0) return hash;
        var h = Parent is null ? Address.GetHashCode() : HashCode.Combine(Parent.GetHashCode(), StringComparer.Ordinal.GetHashCode(name!));
        if (h == 0) h = 1;
        hash = h;
        return h;
    }

    public int CompareTo(ActorPath? other)
    {
        if (other is null) return 1;
        return string.CompareOrdinal(ToString(), other.ToString());
    }

    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);
}
