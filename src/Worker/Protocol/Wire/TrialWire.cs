using Troupe.Protocol.Trials;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Tuning;

namespace Troupe.Worker.Protocol.Wire;

/// <summary>
/// Maps the plain values inside trial messages (fencing token, assignment, data spec, epoch metrics) to and from
/// their <c>trials.proto</c> messages. Incoming enums and required fields are checked: a malformed message becomes
/// an <see cref="InvalidDataException"/>, never a half-built record.
/// </summary>
internal static class TrialWire
{
    public static FenceData Data(FencingToken fence) => new() { TrialId = fence.TrialId, Attempt = fence.Attempt };

    public static FencingToken Fence(FenceData? data)
    {
        if (data is null) throw new InvalidDataException("trial message: expected a fencing token, got none");
        try
        {
            return new FencingToken(data.TrialId, data.Attempt);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"trial message: expected a valid fencing token, got {e.Message}", e);
        }
    }

    public static TrialAssignmentData Data(TrialAssignment t)
    {
        var data = new TrialAssignmentData
        {
            TrialId = t.TrialId, Model = t.Model, Data = Data(t.Data), DataSeed = t.DataSeed, Epochs = t.Epochs, BatchSize = t.BatchSize,
            SeqLen = t.SeqLen, Schedule = (int)t.Schedule, Seed = t.Seed, Deterministic = t.Deterministic, Threads = t.Threads, Unfreeze = (int)t.Unfreeze,
        };
        if (t.InitFrom is { } init) data.InitFrom = init;
        foreach (var (k, v) in t.Params) data.Params[k] = v;
        if (t.DataBaseDirectory is { } dir) data.DataBaseDirectory = dir;
        if (t.Group is { } g)
        {
            data.Group = new ReplicaGroupData
            {
                GroupId = g.GroupId, Rank = g.Rank, WorldSize = g.WorldSize, RendezvousHost = g.RendezvousHost, RendezvousPort = g.RendezvousPort,
                TimeoutMs = (long)Math.Ceiling(g.Timeout.TotalMilliseconds),
            };
        }
        return data;
    }

    public static TrialAssignment Assignment(TrialAssignmentData? d)
    {
        if (d is null) throw new InvalidDataException("StartTrial: expected a trial assignment, got none");
        return new TrialAssignment(d.TrialId, d.Model, new Dictionary<string, double>(d.Params, StringComparer.Ordinal), DataSpecOf(d.Data),
            d.HasDataBaseDirectory ? d.DataBaseDirectory : null, d.DataSeed, d.Epochs, d.BatchSize, d.SeqLen, Enum<LrSchedule>(d.Schedule, "schedule"),
            d.Seed, d.Deterministic, d.Threads, Enum<UnfreezeKind>(d.Unfreeze, "unfreeze kind"), d.HasInitFrom ? d.InitFrom : null)
        { Group = d.Group is null ? null : GroupOf(d.Group) };
    }

    public static EpochMetricsData Data(EpochMetrics m)
    {
        var data = new EpochMetricsData { Epoch = m.Epoch, Seconds = m.Seconds, TrainTokens = m.TrainTokens, TokensPerSecond = m.TokensPerSecond };
        if (m.TrainLoss is { } t) data.TrainLoss = t;
        if (m.ValidLoss is { } v) data.ValidLoss = v;
        foreach (var (name, value) in m.Metrics) data.Metrics[name] = value;
        foreach (var r in m.Replicas)
            data.Replicas.Add(new ReplicaThroughputData { Rank = r.Rank, Tokens = r.Tokens, TrainSeconds = r.TrainSeconds, CommSeconds = r.CommSeconds });
        return data;
    }

    public static EpochMetrics Metrics(EpochMetricsData? d)
    {
        if (d is null) throw new InvalidDataException("EpochCompleted: expected metrics, got none");
        return new EpochMetrics(d.Epoch, d.HasTrainLoss ? d.TrainLoss : null, d.HasValidLoss ? d.ValidLoss : null,
            new Dictionary<string, double>(d.Metrics, StringComparer.Ordinal), d.Seconds, d.TrainTokens, d.TokensPerSecond)
        {
            Replicas = [.. d.Replicas.Select(r => new ReplicaThroughput(r.Rank, r.Tokens, r.TrainSeconds, r.CommSeconds))],
        };
    }

    private static ReplicaGroup GroupOf(ReplicaGroupData d)
    {
        try
        {
            return new ReplicaGroup(d.GroupId, d.Rank, d.WorldSize, d.RendezvousHost, d.RendezvousPort, TimeSpan.FromMilliseconds(d.TimeoutMs));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"StartTrial: expected a valid replica group, got {e.Message}", e);
        }
    }

    private static DataSpecData Data(DataSpec spec)
    {
        var data = new DataSpecData { Kind = (int)spec.Kind, Tokenizer = (int)spec.Tokenizer };
        if (spec.Path is { } p) data.Path = p;
        if (spec.ValidPct is { } v) data.ValidPct = v;
        return data;
    }

    private static DataSpec DataSpecOf(DataSpecData? d)
    {
        if (d is null) throw new InvalidDataException("StartTrial: expected a data spec, got none");
        return new DataSpec(Enum<DataKind>(d.Kind, "data kind"), d.HasPath ? d.Path : null, Enum<TokenizerKind>(d.Tokenizer, "tokenizer"),
            d.HasValidPct ? d.ValidPct : null);
    }

    private static T Enum<T>(int value, string what) where T : struct, Enum =>
        System.Enum.IsDefined(typeof(T), value) ? (T)(object)value
            : throw new InvalidDataException($"trial message: expected a {what} ({string.Join(", ", System.Enum.GetNames<T>())}), got {value}");
}
