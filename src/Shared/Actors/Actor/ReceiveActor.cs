namespace Troupe.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor (or inside
/// <see cref="Become(Action)"/>): the first handler whose type and predicate match handles the
/// message. <c>ReceiveAsync</c> handlers keep one-message-at-a-time: the next message is processed
/// only after the returned task completes, and awaits resume inside the actor.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<IHandler>? configuring = new();
    private IHandler[] initial = [];

    protected internal sealed override bool Receive(object message) => Dispatch(initial, message);

    internal override void OnConstructed()
    {
        initial = configuring!.ToArray();
        configuring = null;
    }

    private static bool Dispatch(IHandler[] handlers, object message)
    {
        foreach (var handler in handlers)
            if (handler.TryHandle(message)) return true;
        return false;
    }

    private void Add(IHandler handler) =>
        (configuring ?? throw new IllegalActorStateException(
            $"expected Receive/ReceiveAsync/ReceiveAny in the constructor of {GetType().Name} or inside Become(...), got a call outside them")).Add(handler);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler<T>(shouldHandle, m => { handler(m); return true; }));
    }

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>A handler that decides itself whether it handled the message (false: try the next handler).</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler<T>(null, handler));
    }

    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = Cell;
        Add(new Handler<T>(shouldHandle, m => { cell.RunTask(() => handler(m)); return true; }));
    }

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ReceiveAsync(handler, shouldHandle);
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new Handler<object>(null, m => { handler(m); return true; }));
    }

    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = Cell;
        Add(new Handler<object>(null, m => { cell.RunTask(() => handler(m)); return true; }));
    }

    /// <summary>Replaces the behaviour by the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Context.Unbecome();

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = configuring;
        configuring = new List<IHandler>();
        IHandler[] handlers;
        try
        {
            configure();
            handlers = configuring.ToArray();
        }
        finally
        {
            configuring = outer;
        }
        return message => Dispatch(handlers, message);
    }

    private interface IHandler
    {
        bool TryHandle(object message);
    }

    private sealed class Handler<T>(Predicate<T>? shouldHandle, Func<T, bool> handle) : IHandler
    {
        public bool TryHandle(object message) =>
            message is T typed && (shouldHandle is null || shouldHandle(typed)) && handle(typed);
    }
}
