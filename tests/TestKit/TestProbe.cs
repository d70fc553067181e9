using Troupe.Actors;

namespace Troupe.TestKit;

/// <summary>An extra test actor with its own inbox and expectations, e.g. to play a second client or a parent.</summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, string name) : base(system, name) { }

    /// <summary>The probe's actor.</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Tells <paramref name="target"/> with the probe as sender.</summary>
    public void Tell(IActorRef target, object message) => target.Tell(message, Ref);

    public override string ToString() => $"TestProbe({Ref.Path})";
}
