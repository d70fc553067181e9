namespace Troupe.Coordinator.Placement;

/// <summary>
/// <see cref="GangPlanner.Place"/>'s answer: <see cref="Placed"/> (every slot reserved), or nothing reserved with why:
/// <see cref="CanEverFit"/> false when no replica count the spec allows fits the cluster even with every slot free;
/// <see cref="RetryAt"/> when an elastic trial may shrink to the free slots at that time if nothing changes before.
/// <see cref="Wanted"/> is the replica count it asked for first (the largest usable). <see cref="DeviceOffered"/> false:
/// no worker offers slots of the device kind the spec asks for (<c>resources.device</c>).
/// </summary>
internal sealed record GangDecision(GangPlacement? Placed, int Wanted, bool CanEverFit, DateTime? RetryAt, int FreeSlots, int TotalSlots, bool DeviceOffered = true);
