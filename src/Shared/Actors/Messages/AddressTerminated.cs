namespace Troupe.Actors;

/// <summary>
/// Published on the <see cref="EventStream"/> by a transport when the node at <paramref name="Address"/>
/// is considered dead. Every local actor watching an actor at that address gets its
/// <see cref="Terminated"/> (with <c>AddressTerminated = true</c>), and watchers living there are dropped.
/// </summary>
public sealed record AddressTerminated(Address Address) : INotInfluenceReceiveTimeout, IAutoReceivedMessage;
