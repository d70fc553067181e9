namespace Troupe.Actors;

/// <summary>An actor with one handler for every message; call <c>Unhandled(message)</c> for the ones it does not understand.</summary>
public abstract class UntypedActor : ActorBase
{
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected abstract void OnReceive(object message);

    /// <summary>Replaces the current behaviour by <paramref name="receive"/> (an <see cref="Action{Object}"/>-shaped handler).</summary>
    protected void Become(Action<object> receive) => Context.Become(m => { receive(m); return true; });

    protected void BecomeStacked(Action<object> receive) => Context.BecomeStacked(m => { receive(m); return true; });

    protected void UnbecomeStacked() => Context.Unbecome();
}
