using Akka.Actor;
using Troupe.Coordinator.Journal;
using Troupe.Node.Transfer;
using Troupe.Training.Tuning;

namespace Troupe.Coordinator.Sweep;

// Checkpoints move as streams (Troupe.Node.Transfer): an epoch report's checkpoint is pulled to
// checkpoints/incoming/ on disk before the epoch is scored and journaled, and a resumed attempt gets one offer of the
// journaled file per replica. The coordinator never holds checkpoint bytes in its mailbox or stash: only offers.
internal sealed partial class ExperimentCoordinator
{
    /// <summary>
    /// Pulls <paramref name="offer"/> (the checkpoint after <paramref name="epoch"/>) to disk, stashing everything
    /// else meanwhile, then continues with the received file's path; a transfer that fails fails the attempt.
    /// </summary>
    private void ReceiveCheckpoint(FencingToken fence, int epoch, BlobOffer offer, Action<string> then)
    {
        var path = CheckpointFiles.IncomingPath(settings.RunDirectory, fence, epoch);
        BlobTransfer.ReceiveToFile(Context.System, offer, path).PipeTo(Self,
            success: _ => new CheckpointReceived(fence, epoch, null),
            failure: e => new CheckpointReceived(fence, epoch, Reason(e)));
        Await<CheckpointReceived>(r => r.Fence == fence && r.Epoch == epoch, received =>
        {
            if (received.Error is { } error)
            {
                Table[fence.TrialId].ModelActor?.Tell(new Worker.Protocol.StopTrial(fence, "its checkpoint did not arrive"));
                Fail(fence, $"epoch {epoch} checkpoint did not arrive: {error}", AfterChange);
                return;
            }
            then(path);
        });
    }

    /// <summary>
    /// Offers the checkpoint file at <paramref name="path"/> <paramref name="count"/> times (a stream ref is subscribed
    /// once: one per replica), then continues with the offers; a file that cannot be offered fails the attempt.
    /// </summary>
    private void OfferCheckpoint(FencingToken fence, string path, int count, Action<IReadOnlyList<BlobOffer>> then)
    {
        var system = Context.System;
        BlobTransfer.OfferFile(system, path, count).PipeTo(Self,
            success: sendings => new CheckpointOffered(fence, [.. sendings.Select(s => s.Offer)], null),
            failure: e => new CheckpointOffered(fence, null, Reason(e)));
        Await<CheckpointOffered>(o => o.Fence == fence, offered =>
        {
            if (offered.Offers is null)
            {
                Fail(fence, $"its checkpoint could not be offered: {offered.Error}", AfterChange);
                return;
            }
            then(offered.Offers);
        });
    }

    private static string Reason(Exception e) => e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message;

    private sealed record CheckpointReceived(FencingToken Fence, int Epoch, string? Error) : INoSerializationVerificationNeeded;

    private sealed record CheckpointOffered(FencingToken Fence, IReadOnlyList<BlobOffer>? Offers, string? Error) : INoSerializationVerificationNeeded;
}
