using System.Reflection;

namespace Troupe.Actors;

/// <summary>
/// An immutable recipe for an actor: how to make an instance (a type with constructor arguments, or
/// a factory), which dispatcher and mailbox it uses, and optionally the supervisor strategy it applies
/// to its children (overrides <c>SupervisorStrategy()</c>). The recipe is reused on every restart, so a
/// factory must return a new instance each call.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> factory;

    private Props(Type type, Func<ActorBase> factory, string dispatcher, MailboxOptions? mailbox, SupervisorStrategy? strategy)
    {
        Type = type;
        this.factory = factory;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        SupervisorStrategy = strategy;
    }

    public Type Type { get; }

    /// <summary>A <see cref="Dispatchers"/> id.</summary>
    public string Dispatcher { get; }

    /// <summary>Null: the system's default mailbox.</summary>
    public MailboxOptions? Mailbox { get; }

    public SupervisorStrategy? SupervisorStrategy { get; }

    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor(), Dispatchers.DefaultId, null, null);

    /// <summary>An actor made by <paramref name="factory"/>, which must return a new instance on each call.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(TActor), factory, Dispatchers.DefaultId, null, null);
    }

    /// <summary>An actor made by the public constructor of <typeparamref name="TActor"/> that accepts <paramref name="args"/>.</summary>
    public static Props Create<TActor>(params object?[] args) where TActor : ActorBase => Create(typeof(TActor), args);

    public static Props Create(Type type, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(type);
        args ??= [null];
        if (!typeof(ActorBase).IsAssignableFrom(type) || type.IsAbstract)
            throw new ArgumentException($"expected a concrete subclass of ActorBase, got {type.FullName}", nameof(type));
        var constructor = FindConstructor(type, args)
            ?? throw new ArgumentException(
                $"expected {type.Name} to have a public constructor taking ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"))}), got none",
                nameof(args));
        var captured = (object?[])args.Clone();
        return new(type, () => (ActorBase)constructor.Invoke(captured), Dispatchers.DefaultId, null, null);
    }

    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispatcherId);
        return new(Type, factory, dispatcherId, Mailbox, SupervisorStrategy);
    }

    public Props WithMailbox(MailboxOptions mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return new(Type, factory, Dispatcher, mailbox, SupervisorStrategy);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(Type, factory, Dispatcher, Mailbox, strategy);
    }

    /// <summary>Creates an instance; only the runtime calls this, while the cell is constructing.</summary>
    internal ActorBase NewActor() => factory() ?? throw new InvalidOperationException($"expected the factory of {Type.Name} to return an actor, got null");

    private static ConstructorInfo? FindConstructor(Type type, object?[] args) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(c =>
        {
            var parameters = c.GetParameters();
            if (parameters.Length != args.Length) return false;
            for (var i = 0; i < args.Length; i++)
            {
                var p = parameters[i].ParameterType;
                if (args[i] is null ? p.IsValueType && Nullable.GetUnderlyingType(p) is null : !p.IsInstanceOfType(args[i])) return false;
            }
            return true;
        });

    public override string ToString() => $"Props({Type.Name}, dispatcher: {Dispatcher})";
}
