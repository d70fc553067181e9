using System.Collections.Concurrent;

namespace Troupe.Actors;

/// <summary>
/// The in-process provider: guardians (<c>/</c>, <c>/user</c>, <c>/system</c>), <c>/deadLetters</c>
/// and <c>/temp</c> (ask promises, registered only when their path is first used). Foreign
/// addresses resolve to refs whose messages become dead letters.
/// </summary>
public sealed class LocalActorRefProvider : IActorRefProvider
{
    private readonly ActorSystem system;
    private readonly ConcurrentDictionary<string, IInternalActorRef> temp = new(StringComparer.Ordinal);
    private long tempCounter;

    internal LocalActorRefProvider(ActorSystem system, Address address)
    {
        this.system = system;
        RootPath = ActorPath.Root(address);
        TempPath = RootPath / "temp";
        DeadLetterRef = new DeadLetterActorRef(system, RootPath / "deadLetters");
    }

    public ActorSystem System => system;

    public Address DefaultAddress => RootPath.Address;

    public ActorPath RootPath { get; }

    /// <summary><c>/temp</c>: parent of ask promises.</summary>
    public ActorPath TempPath { get; }

    public IActorRef DeadLetters => DeadLetterRef;

    internal DeadLetterActorRef DeadLetterRef { get; }

    internal LocalActorRef RootGuardian { get; set; } = null!;
    internal LocalActorRef UserGuardian { get; set; } = null!;
    internal LocalActorRef SystemGuardian { get; set; } = null!;

    public bool HasAddress(Address address) => address.Equals(RootPath.Address);

    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return HasAddress(path.Address) ? ResolveLocal(path.Elements, path.Uid) : new EmptyLocalActorRef(system, path);
    }

    public IActorRef ResolveActorRef(string path)
    {
        if (!ActorPath.TryParse(path, out var parsed))
            throw new FormatException($"expected an actor path like 'troupe://sys/user/a#42', got '{path}'");
        return system.Provider.ResolveActorRef(parsed);
    }

    /// <summary>
    /// Resolves path elements below this system's root, whatever address they came with. A uid other
    /// than 0 must match the live actor's; otherwise the ref is a dead one (the actor was replaced).
    /// </summary>
    public IActorRef ResolveLocal(IReadOnlyList<string> elements, long uid)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var missing = new EmptyLocalActorRef(system, RootPath.Descendant(elements).WithUid(elements.Count == 0 ? 0 : uid));
        if (elements.Count == 0) return RootGuardian;
        if (elements.Count == 1 && elements[0] == "deadLetters") return DeadLetterRef;
        if (elements[0] == "temp")
            return elements.Count == 2 && temp.TryGetValue(elements[1], out var promise) ? promise : missing;
        IInternalActorRef current = RootGuardian;
        foreach (var name in elements)
        {
            if (current is not LocalActorRef local || local.GetChild(name) is not { } child) return missing;
            current = child;
        }
        return uid == 0 || current.Path.Uid == uid ? current : missing;
    }

    public string SerializeActorRef(IActorRef actorRef)
    {
        ArgumentNullException.ThrowIfNull(actorRef);
        return HasAddress(actorRef.Path.Address)
            ? actorRef.Path.ToSerializationFormat(system.Provider.DefaultAddress)
            : actorRef.Path.ToSerializationFormat();
    }

    public IActorRef RootGuardianAt(Address address) =>
        HasAddress(address) ? RootGuardian : new EmptyLocalActorRef(system, ActorPath.Root(address));

    /// <summary>A fresh path under <c>/temp</c>.</summary>
    internal ActorPath NewTempPath() => TempPath / ("$" + Interlocked.Increment(ref tempCounter).ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    internal void RegisterTemp(IInternalActorRef actorRef) => temp[actorRef.Path.Name] = actorRef;

    internal void UnregisterTemp(ActorPath path) => temp.TryRemove(path.Name, out _);
}
