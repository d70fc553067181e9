using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Collectives;
using Troupe.Training.Models;

namespace Troupe.Training.Learning;

/// <summary>
/// Makes a Learner one replica of a data-parallel group (DESIGN.md: "data parallelism splits rows, not batches").
/// The Learner's loaders must be this replica's row view (<see cref="Text.DataParallelRows.ForReplica(Text.TextDataLoaders, int, int)"/>
/// with the group's rank and size), so its hidden state follows its own streams; then, with no dropout, every
/// replica's epoch rows and weights equal a single replica's on the whole batches (up to float rounding):
/// <list type="bullet">
/// <item>before_fit: every replica checks it agrees with rank 0 (batches per epoch, trainable parameters, options),
/// then rank 0's parameters and persistent buffers are broadcast, so all replicas start from the same weights; a
/// model's BatchNorms are given the group's sum (<see cref="IReplicaBatchNorm"/>: whole-batch statistics, as
/// PyTorch's SyncBatchNorm) and a model with BatchNorms that cannot take it is refused;</item>
/// <item>before_epoch: torch's generator is seeded with <c>Seed + epoch·N + rank</c> (per-rank dropout masks, reproducible);</item>
/// <item>after_backward: the gradients are replaced by the token-weighted mean over the replicas (bucketed Gloo
/// allreduces, reverse parameter order, <see cref="DataParallelOptions.BucketBytes"/> each) and
/// <see cref="Learner.LossValue"/> by the batch's global loss, so the optimizer steps identically everywhere and
/// the smoothed train_loss is the global one;</item>
/// <item>after_validate: the validation loss and every metric (each an <see cref="IReducibleMetric"/>) are reduced
/// exactly before the Recorder reads them, and the replicas exchange their throughput (<see cref="LastEpoch"/>).</item>
/// </list>
/// Collectives must line up: every replica must run the same fit (plan, start epoch, callbacks that cancel), and a
/// batch or pass cancelled on one replica only stalls the others until the group's timeout. A failed peer makes
/// the next collective throw the process group's <see cref="CollectiveException"/> out of <see cref="FitRun.Step"/>
/// within the timeout; the group is then unusable (the caller disposes it). The callback does not own the group.
/// </summary>
public sealed class DataParallelCallback : Callback
{
    private readonly ProcessGroup group;
    private GradientBuckets? buckets;
    private GroupSum? statistics;
    private long trainStart;
    private double trainSeconds;
    private long trainTokens;
    private long commTicks;
    private long allReduces;

    public DataParallelCallback(ProcessGroup group, DataParallelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        Options = options ?? new DataParallelOptions();
        if (Options.BucketBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"DataParallelCallback: expected a bucket size >= 1 byte, got {Options.BucketBytes}");
        this.group = group;
    }

    public DataParallelOptions Options { get; }

    public int Rank => group.Rank;

    public int WorldSize => group.WorldSize;

    /// <summary>Before every other callback that touches gradients or the recorded loss (GradientClip runs in before_step, the Recorder at 50).</summary>
    public override int Order => -5;

    /// <summary>The group throughput of the last validated epoch (set in after_validate), the same on every replica; null before the first.</summary>
    public DataParallelEpoch? LastEpoch { get; private set; }

    /// <summary>Wall time spent in gradient allreduces since the current epoch began (communication plus waiting for slower peers).</summary>
    public TimeSpan CommTime => Stopwatch.GetElapsedTime(0, commTicks);

    /// <summary>Parameter indices (model order) per gradient bucket, in reduction order; empty before the first fit.</summary>
    public IReadOnlyList<IReadOnlyList<int>> BucketLayout => buckets?.Layout ?? [];

    public override void BeforeFit()
    {
        var learn = Learn;
        var unreducible = learn.Recorder.Metrics.Where(m => m is not IReducibleMetric).Select(m => m.Name).ToList();
        if (unreducible.Count > 0)
            throw new InvalidOperationException(
                $"DataParallelCallback: expected metrics that reduce exactly over replicas (IReducibleMetric), got {string.Join(", ", unreducible)}");
        SyncBatchNorms(learn.Model);
        var parameters = Trainable(learn.Model);
        ReplicaAgreement.Require(group,
        [
            ("training batches per epoch", learn.Dls.Train.BatchCount),
            ("validation batches per epoch", learn.Dls.Valid.BatchCount),
            ("epochs", learn.NEpoch),
            ("start epoch", learn.Epoch),
            ("trainable parameters", parameters.Count),
            ("parameter elements", parameters.Sum(p => p.numel())),
            ("parameter shapes (fingerprint)", ShapeFingerprint(parameters)),
            ("metrics", learn.Recorder.Metrics.Sum(m => ((IReducibleMetric)m).StateLength)),
            ("bucket bytes", Options.BucketBytes),
            ("seed", Options.Seed),
        ]);
        using (var scope = NewDisposeScope())
            group.Broadcast(learn.Model.state_dict().Values.ToList(), 0);
        buckets = new GradientBuckets(parameters, Options.BucketBytes);
        LastEpoch = null;
    }

    public override void BeforeEpoch()
    {
        torch.manual_seed(Options.Seed + (long)Learn.Epoch * WorldSize + Rank);
        trainSeconds = 0;
        trainTokens = 0;
        commTicks = 0;
        allReduces = 0;
    }

    public override void BeforeTrain() => trainStart = Stopwatch.GetTimestamp();

    public override void AfterBackward()
    {
        var learn = Learn;
        var yb = learn.Yb ?? throw new InvalidOperationException("DataParallelCallback: expected targets in after_backward, got none");
        statistics?.ThrowIfFaulted();
        var start = Stopwatch.GetTimestamp();
        var (loss, _) = buckets!.Reduce(group, learn.LossValue, yb.numel());
        commTicks += Stopwatch.GetTimestamp() - start;
        allReduces += Math.Max(1, buckets.Layout.Count);
        learn.LossValue = loss;
    }

    /// <summary>The model's BatchNorms go back to their own rows: the group is not the model's to keep.</summary>
    public override void AfterFit()
    {
        if (Learn.Model is IReplicaBatchNorm synced) synced.Replicas = null;
        statistics = null;
    }

    public override void AfterBatch()
    {
        var learn = Learn;
        if (learn.Training && learn.Loss is not null && learn.Yb is not null) trainTokens += learn.Yb.numel();
    }

    public override void AfterTrain() => trainSeconds = Stopwatch.GetElapsedTime(trainStart).TotalSeconds;

    /// <summary>
    /// One float64 allreduce of [valid total, valid rows, each metric's state, then 3 slots per replica (tokens,
    /// train seconds, comm seconds)] where each replica fills only its own: an exact, one-collective reduction.
    /// </summary>
    public override void AfterValidate()
    {
        var learn = Learn;
        var metrics = learn.Recorder.Metrics.Cast<IReducibleMetric>().ToArray();
        var metricLength = metrics.Sum(m => m.StateLength);
        var n = WorldSize;
        var state = new double[2 + metricLength + 3 * n];
        var valid = learn.Recorder.ValidLoss;
        state[0] = valid.Total;
        state[1] = valid.Count;
        var at = 2;
        foreach (var m in metrics)
        {
            m.WriteState(state.AsSpan(at, m.StateLength));
            at += m.StateLength;
        }
        var mine = at + 3 * Rank;
        state[mine] = trainTokens;
        state[mine + 1] = trainSeconds;
        state[mine + 2] = CommTime.TotalSeconds;
        double[] reduced;
        using (var scope = NewDisposeScope())
        {
            var t = torch.tensor(state);
            group.AllReduce(t);
            reduced = t.data<double>().ToArray();
        }
        valid.Load((float)reduced[0], (long)reduced[1]);
        at = 2;
        foreach (var m in metrics)
        {
            m.LoadState(reduced.AsSpan(at, m.StateLength));
            at += m.StateLength;
        }
        var replicas = new ReplicaThroughput[n];
        for (var r = 0; r < n; r++)
        {
            var s = at + 3 * r;
            replicas[r] = new ReplicaThroughput(r, (long)reduced[s], reduced[s + 1], reduced[s + 2]);
        }
        LastEpoch = new DataParallelEpoch(learn.Epoch, n, replicas, allReduces, buckets?.TotalBytes ?? 0);
    }

    // A BatchNorm in training normalizes with its batch's statistics: a replica's rows alone would train another model
    // than the whole batch does and leave each replica other running statistics, so its statistics must be the group's.
    private void SyncBatchNorms(nn.Module model)
    {
        if (model is IReplicaBatchNorm synced)
            synced.Replicas = statistics = new GroupSum(group, () => Learn.Yb?.numel() ?? 0);
        else if (model.modules().Any(m => m is BatchNorm1d or BatchNorm2d or BatchNorm3d))
            throw new InvalidOperationException($"DataParallelCallback: expected a model whose BatchNorm layers normalize over every replica's rows "
                + $"(IReplicaBatchNorm), got {model.GetType().Name} with BatchNorm layers that would normalize each replica's rows alone");
    }

    /// <summary>
    /// The parameters that train in this fit, each tensor once: a tied weight (AWD-LSTM's decoder shares the embedding's)
    /// is listed under both names with the same storage, and reducing its gradient twice would scale it wrongly
    /// (twice the token weight in, twice the division out). Frozen parameters (<see cref="Learner.FreezeTo"/>) are left
    /// out, so a phase of gradual unfreezing reduces exactly the gradients its optimizer steps.
    /// </summary>
    private static List<Parameter> Trainable(nn.Module model)
    {
        var seen = new HashSet<(IntPtr Address, string Shape)>();
        var trainable = new List<Parameter>();
        foreach (var p in model.parameters().Where(p => p.requires_grad))
            if (seen.Add((Address(p), string.Join("x", p.shape)))) trainable.Add(p);
        return trainable;
    }

    // storage<T>() is an alias tensor: freed by this scope, not left to the finalizer (the parameter itself is not in it).
    private static IntPtr Address(Parameter p)
    {
        using var scope = NewDisposeScope();
        return p.dtype switch
        {
            ScalarType.Float32 => p.storage<float>().data_ptr() + (nint)(p.storage_offset() * sizeof(float)),
            ScalarType.Float64 => p.storage<double>().data_ptr() + (nint)(p.storage_offset() * sizeof(double)),
            var other => throw new InvalidOperationException($"DataParallelCallback: expected float32 or float64 parameters, got {other}"),
        };
    }

    // FNV-1a over every parameter's dimensions, kept to 62 bits (the agreement check carries it as an int64).
    private static long ShapeFingerprint(IEnumerable<Parameter> parameters)
    {
        var hash = 14695981039346656037UL;
        foreach (var p in parameters)
            foreach (var d in p.shape.Prepend(-1))
            {
                hash ^= unchecked((ulong)d);
                hash *= 1099511628211UL;
            }
        return (long)(hash >> 2);
    }
}
