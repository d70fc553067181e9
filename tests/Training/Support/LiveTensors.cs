using TorchSharp;

namespace Troupe.Training.Tests.Support;

/// <summary>
/// Live tensors by TorchSharp's own accounting (TorchSharp has no process-wide live count like the old binding's
/// <c>Tensor.LiveCount</c>): <c>DisposeScopeManager.Statistics</c> counts, per thread, the tensors created minus
/// those disposed on that thread. A spec takes its baseline and its final count on the same thread (a synchronous
/// test body; the Learner runs on the caller's thread). A tensor left to the finalizer is disposed on the finalizer
/// thread, so it is never subtracted here: leaks stay visible however the GC behaves.
/// </summary>
internal static class LiveTensors
{
    public static long OnThisThread => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
}
