using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Node.Transfer;

namespace Troupe.Coordinator.Sweep;

// Checkpoints move as streams (Troupe.Node.Transfer): an epoch report's checkpoint is pulled to
// checkpoints/incoming/ on disk before the epoch is scored and journaled, and a resumed attempt gets one offer of the
// journaled file per replica. The coordinator never holds checkpoint bytes in its mailbox or stash: only offers.
internal sealed partial class ExperimentCoordinator
{
    /// <summary>
    /// Pulls the report's checkpoint offer to disk (<see cref="EpochReport.Path"/>), waiting in
    /// <see cref="PullingCheckpoint"/>: then the epoch is scored and journaled; a transfer that fails fails the attempt.
    /// </summary>
    private void ReceiveCheckpoint(EpochReport report, BlobOffer offer)
    {
        BlobTransfer.ReceiveToFile(Context.System, offer, report.Path).PipeTo(Self,
            success: _ => new CheckpointReceived(report.Fence, report.Epoch, null),
            failure: e => new CheckpointReceived(report.Fence, report.Epoch, Reason(e)));
        BecomeStacked(() => PullingCheckpoint(report));
    }

    /// <summary>
    /// Offers the journaled checkpoint at <paramref name="path"/> once per replica (a stream ref is subscribed once),
    /// waiting in <see cref="OfferingCheckpoint"/>; called from the attempt-start wait, which it replaces.
    /// </summary>
    private void OfferCheckpoint(AttemptStart start, string path)
    {
        BlobTransfer.OfferFile(Context.System, path, start.Gang.WorldSize).PipeTo(Self,
            success: sendings => new CheckpointOffered(start.Fence, [.. sendings.Select(s => s.Offer)], null),
            failure: e => new CheckpointOffered(start.Fence, null, Reason(e)));
        Become(() => OfferingCheckpoint(start));
    }

    private string IncomingCheckpoint(Training.Tuning.FencingToken fence, int epoch) => CheckpointFiles.IncomingPath(settings.RunDirectory, fence, epoch);

    private static string Reason(Exception e) => e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message;
}
