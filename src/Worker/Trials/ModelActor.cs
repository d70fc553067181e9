using Akka.Actor;
using Akka.Event;
using Troupe.Node;
using Troupe.Node.Transfer;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;
using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>
/// Trains one attempt of one trial. It owns the model, optimizer, loaders and the RNN hidden state (inside its
/// session) and advances the fit one step per private <see cref="Advance"/> message it sends itself, so a
/// <see cref="StopTrial"/> queued meanwhile is served between two batches. At every
/// epoch boundary it sends <see cref="EpochCompleted"/> (metrics and an offer of the checkpoint); batch progress goes out at
/// most once per <see cref="ModelActorSettings.ProgressInterval"/>. When the fit ends it stops itself. A failing step
/// is reported as <see cref="TrialFailed"/> and rethrown, so its supervisor (the worker agent) stops it. Runs on the
/// pinned dispatcher: a step blocks its thread for a whole batch.
/// As one replica of a data-parallel group (<see cref="TrialAssignment.Group"/>) only rank 0 reports progress and
/// epochs (the group's reduced metrics, every replica's throughput, its checkpoint); the other ranks train silently
/// and say <see cref="ReplicaFinished"/> before they stop at the end of the fit. While a collective waits for a
/// peer, messages wait too (at most the group's timeout).
/// </summary>
public sealed class ModelActor : ReceiveActor
{
    private ILoggingAdapter Log { get; } = Context.GetLogger();

    private readonly FencingToken fence;
    private readonly TrialAssignment trial;
    private readonly IActorRef reportTo;
    private readonly string workerId;
    private readonly ModelActorSettings settings;
    private readonly BlobOffer? checkpointOffer;
    private ITrialSession? session;
    private DateTime lastProgress = DateTime.MinValue;

    // Rank 0 or a trial trained alone: the actor that speaks for the attempt.
    private bool Leads => trial.Group?.Leads ?? true;

    /// <param name="start">The attempt to run.</param>
    /// <param name="workerId">This worker's id (in reports).</param>
    /// <param name="cache">The node's dataset cache.</param>
    /// <param name="settings">How the actor reports.</param>
    /// <param name="device">Where the model computes: <c>cpu</c> or <c>cuda:N</c> (the worker agent's <see cref="Agent.DeviceSlots"/>).</param>
    public ModelActor(StartTrial start, string workerId, DatasetCache cache, ModelActorSettings settings, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(cache);
        fence = start.Fence;
        trial = start.Trial;
        reportTo = start.ReportTo;
        this.workerId = workerId;
        this.settings = settings;
        checkpointOffer = start.Checkpoint;

        Receive<Open>(open => Guard(() =>
        {
            session = TrialSessions.Open(trial, open.Checkpoint, cache, device);
            Log.Debug("{Fence} opened on {Worker} at epoch {Epoch}", fence, workerId, session.StartEpoch);
            Become(Training);
            Self.Tell(Advance.Instance);
        }));
        Receive<CheckpointLost>(lost => Guard(() => throw new BlobTransferException($"{fence}: its checkpoint did not arrive: {lost.Reason}")));
        Receive<StopTrial>(OnStop);
    }

    /// <summary>Props on the pinned dispatcher.</summary>
    public static Props Props(StartTrial start, string workerId, DatasetCache cache, ModelActorSettings settings, string device = "cpu") =>
        Akka.Actor.Props.Create(() => new ModelActor(start, workerId, cache, settings, device)).WithDispatcher(NodeConfig.PinnedDispatcher);

    // A resumed attempt first pulls its checkpoint from the coordinator (into memory: the model is loaded from it).
    protected override void PreStart()
    {
        if (checkpointOffer is null)
        {
            Self.Tell(new Open(null));
            return;
        }
        BlobTransfer.ReceiveToMemory(Context.System, checkpointOffer).PipeTo(Self,
            success: bytes => new Open(bytes),
            failure: e => new CheckpointLost(e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message));
    }

    protected override void PostStop() => session?.Dispose();

    private void Training()
    {
        Receive<Advance>(_ => Guard(Step));
        Receive<StopTrial>(OnStop);
    }

    private void Step()
    {
        var result = session!.Step();
        switch (result.Kind)
        {
            case StepKind.TrainBatch or StepKind.ValidBatch:
                if (Leads) ReportProgress(result);
                Self.Tell(Advance.Instance);
                break;
            case StepKind.EpochEnd:
                if (Leads)
                {
                    var metrics = session.GroupEpoch is { } g ? EpochMetrics.From(result.Record!, g) : EpochMetrics.From(result.Record!);
                    reportTo.Tell(new EpochCompleted(fence, metrics, OfferCheckpoint()), Self);
                }
                Self.Tell(Advance.Instance);
                break;
            default:
                Log.Debug("{Fence} finished its fit", fence);
                if (!Leads) reportTo.Tell(new ReplicaFinished(fence, trial.Group!.Rank, workerId), Self);
                Context.Stop(Self);
                break;
        }
    }

    // The epoch's checkpoint as a stream the coordinator pulls. The offer runs on the node's materializer, so it
    // outlives this actor (which stops right after its last epoch). Waiting for the stream ref here keeps the report
    // ordered before the actor's later messages and its Terminated; it is ready as soon as the stream starts.
    private BlobOffer OfferCheckpoint()
    {
        var sending = BlobTransfer.Offer(Context.System, session!.Checkpoint()).GetAwaiter().GetResult();
        var log = Log;
        var at = fence;
        sending.Completion.ContinueWith(t => log.Warning("{0}: its checkpoint was not taken: {1}", at, t.Exception?.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return sending.Offer;
    }

    private void ReportProgress(StepResult result)
    {
        var now = DateTime.UtcNow;
        if (now - lastProgress < settings.ProgressInterval) return;
        lastProgress = now;
        reportTo.Tell(new TrialProgress(fence, result.Epoch, result.Iter, result.BatchCount, result.Kind == StepKind.TrainBatch, result.Loss), Self);
    }

    private void OnStop(StopTrial stop)
    {
        if (stop.Fence != fence)
        {
            Unhandled(stop);
            return;
        }
        Log.Debug("{Fence} stopping: {Reason}", fence, stop.Reason);
        Context.Stop(Self);
    }

    // Reports the failure to the coordinator with its reason, then lets it reach the supervisor.
    private void Guard(Action body)
    {
        try
        {
            body();
        }
        catch (Exception e)
        {
            reportTo.Tell(new TrialFailed(fence, workerId, $"{e.GetType().Name}: {e.Message}"), Self);
            throw;
        }
    }

    // Self-only ticks never leave the node: Akka's serialize-messages check skips them.
    private sealed record Open(byte[]? Checkpoint) : INoSerializationVerificationNeeded;

    private sealed record CheckpointLost(string Reason) : INoSerializationVerificationNeeded;

    private sealed class Advance : INoSerializationVerificationNeeded
    {
        public static readonly Advance Instance = new();
    }
}
