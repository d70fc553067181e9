namespace Troupe.Actors;

/// <summary>
/// Actors named by a path that may not resolve (yet), possibly with wildcards (<c>/user/workers/*</c>).
/// Every <see cref="Tell"/> resolves the path again. Elements that match nothing send the message to
/// dead letters; a remote anchor gets the whole <see cref="ActorSelectionMessage"/> to resolve there.
/// </summary>
public sealed class ActorSelection
{
    internal ActorSelection(IActorRef anchor, IReadOnlyList<string> elements, ActorSystem system)
    {
        Anchor = anchor;
        Elements = elements;
        System = system;
    }

    public IActorRef Anchor { get; }

    public IReadOnlyList<string> Elements { get; }

    internal ActorSystem System { get; }

    /// <summary>
    /// An absolute path (<c>/user/a</c> or <c>troupe://sys@host:port/user/a</c>) or, when
    /// <paramref name="relativeTo"/> is given, a relative one (<c>child</c>, <c>../sibling</c>).
    /// </summary>
    internal static ActorSelection Create(ActorSystem system, IActorRef? relativeTo, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains("://", StringComparison.Ordinal))
        {
            if (!Address.TryParse(path, out var address, out var rest))
                throw new FormatException($"expected an actor path like 'troupe://sys/user/a', got '{path}'");
            return new ActorSelection(system.Provider.RootGuardianAt(address), Split(rest), system);
        }
        if (path.StartsWith('/'))
            return new ActorSelection(system.LocalProvider.RootGuardian, Split(path), system);
        if (relativeTo is null)
            throw new ArgumentException($"expected an absolute path ('/user/...') outside an actor, got '{path}'", nameof(path));
        return new ActorSelection(relativeTo, Split(path), system);
    }

    private static string[] Split(string path)
    {
        var hash = path.IndexOf('#');
        if (hash >= 0) path = path[..hash];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public string PathString => Anchor.Path + string.Join('/', Elements);

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Deliver(Anchor, new ActorSelectionMessage(message, Elements), sender);
    }

    /// <summary>Asks every matching actor for its ref; fails with <see cref="ActorNotFoundException"/> when none answers with one.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var identity = await new SelectionTarget(this).Ask<ActorIdentity>(new Identify(null), timeout, cancellationToken).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"expected an actor at {PathString}, got none");
    }

    /// <summary>Walks <paramref name="selection"/>'s elements from <paramref name="anchor"/> and tells every match.</summary>
    internal static void Deliver(IActorRef anchor, ActorSelectionMessage selection, IActorRef? sender)
    {
        if (anchor is IInternalActorRef { IsLocal: false })
        {
            anchor.Tell(selection, sender);   // remote anchor: the other node resolves the rest
            return;
        }
        var current = new List<IActorRef> { anchor };
        foreach (var element in selection.Elements)
        {
            var next = new List<IActorRef>();
            foreach (var a in current)
            {
                if (a is not LocalActorRef local) continue;
                if (element == "..")
                {
                    if (local.Cell.ParentRef is LocalActorRef parent) next.Add(parent);
                }
                else if (element.Contains('*') || element.Contains('?'))
                {
                    next.AddRange(local.Cell.Children.Where(c => Matches(element, c.Path.Name)));
                }
                else if (local.GetChild(element) is { } child)
                {
                    next.Add(child);
                }
            }
            current = next;
            if (current.Count == 0) break;
        }
        if (current.Count > 0)
        {
            foreach (var match in current) match.Tell(selection.Message, sender);
            return;
        }
        if (selection.Message is Identify identify)
        {
            sender?.Tell(new ActorIdentity(identify.MessageId, null), anchor);
            return;
        }
        var deadLetters = anchor is LocalActorRef l ? l.Cell.System.DeadLetters : (anchor as IInternalActorRef)?.Provider.DeadLetters;
        deadLetters?.Tell(new DeadLetter(selection.Message, sender ?? deadLetters, anchor), sender);
    }

    private static bool Matches(string pattern, string name)
    {
        // Glob with '*' (any run) and '?' (one character).
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n])) { p++; n++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = n; }
            else if (star >= 0) { p = star + 1; n = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    public override string ToString() => $"ActorSelection[{PathString}]";

    /// <summary>Lets <c>Ask</c> target a selection: telling it tells the selection.</summary>
    private sealed class SelectionTarget(ActorSelection selection) : MinimalActorRef
    {
        public override ActorPath Path => selection.Anchor.Path;

        public override IActorRefProvider Provider => selection.System.Provider;

        public override void Tell(object message, IActorRef? sender) => selection.Tell(message, sender);
    }
}
