namespace Troupe.Actors;

/// <summary>Creates actors and selects them by path: the system (top-level actors) and every actor context (children).</summary>
public interface IActorRefFactory
{
    /// <summary>Creates a child; <paramref name="name"/> null gets a generated <c>$</c>-name. Creation is asynchronous: the ref is usable at once.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Selects actors by an absolute path (<c>/user/a</c>, <c>troupe://sys/user/a</c>) or, in a context, one relative to the actor (<c>../b</c>, <c>child/*</c>).</summary>
    ActorSelection ActorSelection(string path);
}
