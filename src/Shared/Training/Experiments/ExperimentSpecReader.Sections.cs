using Troupe.Training.Tuning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Troupe.Training.Experiments;

public sealed partial class ExperimentSpecReader
{
    private static readonly Dictionary<string, DataKind> DataKinds = new(StringComparer.Ordinal)
    {
        ["human-numbers"] = DataKind.HumanNumbers,
        ["text"] = DataKind.Text,
        ["wikitext-2"] = DataKind.WikiText2,
        ["csv"] = DataKind.Csv,
    };

    private static readonly Dictionary<string, TokenizerKind> Tokenizers = new(StringComparer.Ordinal) { ["word"] = TokenizerKind.Word, ["char"] = TokenizerKind.Char };
    private static readonly Dictionary<string, LrSchedule> Schedules = new(StringComparer.Ordinal) { ["one-cycle"] = LrSchedule.OneCycle, ["constant"] = LrSchedule.Constant };
    private static readonly Dictionary<string, UnfreezeKind> Unfreezes = new(StringComparer.Ordinal) { ["none"] = UnfreezeKind.None, ["gradual"] = UnfreezeKind.Gradual };
    private static readonly Dictionary<string, MetricMode> Modes = new(StringComparer.Ordinal) { ["min"] = MetricMode.Min, ["max"] = MetricMode.Max };
    private static readonly Dictionary<string, SearchKind> SearchKinds = new(StringComparer.Ordinal) { ["grid"] = SearchKind.Grid, ["random"] = SearchKind.Random };

    private static readonly Dictionary<string, SchedulerKind> SchedulerKinds = new(StringComparer.Ordinal)
    {
        ["fifo"] = SchedulerKind.Fifo,
        ["asha"] = SchedulerKind.Asha,
        ["median"] = SchedulerKind.Median,
    };

    private static readonly Dictionary<SchedulerKind, string[]> SchedulerKeys = new()
    {
        [SchedulerKind.Fifo] = ["kind"],
        [SchedulerKind.Asha] = ["kind", "grace", "reduction", "max_t"],
        [SchedulerKind.Median] = ["kind", "grace", "min_samples"],
    };

    private static DataSpec? ReadData(SpecNodes nodes, YamlNode node)
    {
        var fields = nodes.Fields(node, "data", ["kind", "path", "tokenizer", "valid_pct"]);
        if (fields is null) return null;
        var kind = nodes.Required(fields, "kind", node, "data") is { } k ? nodes.Choice(k, "data.kind", DataKinds) : null;
        if (kind is null) return null;
        var wanted = kind switch
        {
            DataKind.Text => new[] { "kind", "path", "tokenizer" },
            DataKind.WikiText2 => ["kind", "path"],
            DataKind.Csv => ["kind", "path", "valid_pct"],
            _ => ["kind"],
        };
        var kindName = DataKinds.First(p => p.Value == kind).Key;
        foreach (var (name, (key, _)) in fields.Where(f => !wanted.Contains(f.Key)))
            nodes.Error(key, $"data: expected only {string.Join(", ", wanted)} for kind {kindName}, got '{name}'");
        string? path = null;
        if (kind != DataKind.HumanNumbers)
        {
            path = nodes.Required(fields, "path", node, "data") is { } p ? nodes.Text(p, "data.path", "a path") : null;
            if (path is null) return null;
        }
        var tokenizer = kind == DataKind.Text && SpecNodes.Optional(fields, "tokenizer") is { } t ? nodes.Choice(t, "data.tokenizer", Tokenizers) : TokenizerKind.Word;
        double? validPct = null;
        if (kind == DataKind.Csv && SpecNodes.Optional(fields, "valid_pct") is { } vp)
        {
            validPct = nodes.Number(vp, "data.valid_pct", v => v is > 0 and < 1, "a fraction in (0, 1)");
            if (validPct is null) return null;
        }
        return tokenizer is null ? null : new DataSpec(kind.Value, path, tokenizer.Value, validPct);
    }

    private static TrainSpec? ReadTrain(SpecNodes nodes, YamlNode node)
    {
        var fields = nodes.Fields(node, "train", ["epochs", "batch_size", "seq_len", "schedule", "metric", "mode", "unfreeze"]);
        if (fields is null) return null;
        var epochs = nodes.Required(fields, "epochs", node, "train") is { } e ? nodes.Int(e, "train.epochs", 1, 100_000) : null;
        var batchSize = nodes.Required(fields, "batch_size", node, "train") is { } b ? nodes.Int(b, "train.batch_size", 1) : null;
        var seqLen = nodes.Required(fields, "seq_len", node, "train") is { } s ? nodes.Int(s, "train.seq_len", 1) : null;
        var schedule = SpecNodes.Optional(fields, "schedule") is { } sc ? nodes.Choice(sc, "train.schedule", Schedules) : LrSchedule.OneCycle;
        var metric = "valid_loss";
        if (SpecNodes.Optional(fields, "metric") is { } m)
        {
            var text = nodes.Text(m, "train.metric", "a metric name");
            if (text is not null && !TrainSpec.KnownMetrics.ContainsKey(text))
                nodes.Error(m, $"train.metric: expected {SpecNodes.Alternatives(TrainSpec.KnownMetrics.Keys)}, got '{text}'");
            metric = text is not null && TrainSpec.KnownMetrics.ContainsKey(text) ? text : null;
        }
        MetricMode? mode = metric is null ? null : TrainSpec.KnownMetrics[metric];
        if (SpecNodes.Optional(fields, "mode") is { } md) mode = nodes.Choice(md, "train.mode", Modes);
        var unfreeze = SpecNodes.Optional(fields, "unfreeze") is { } u ? nodes.Choice(u, "train.unfreeze", Unfreezes) : UnfreezeKind.None;
        if (unfreeze == UnfreezeKind.Gradual && schedule == LrSchedule.Constant)
        {
            nodes.Error(fields["unfreeze"].Value, "train.unfreeze: expected schedule one-cycle for gradual unfreezing (each phase is a fit_one_cycle), got schedule constant");
            return null;
        }
        if (epochs is null || batchSize is null || seqLen is null || schedule is null || metric is null || mode is null || unfreeze is null) return null;
        return new TrainSpec(epochs.Value, batchSize.Value, seqLen.Value, schedule.Value, metric, mode.Value, unfreeze.Value);
    }

    private static SearchSpace? ReadParams(SpecNodes nodes, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            nodes.Error(node, $"params: expected a mapping of parameter names to values or domains, got {SpecNodes.Describe(node)}");
            return null;
        }
        var parameters = new List<KeyValuePair<string, Domain>>();
        var ok = true;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || !ParamNamePattern().IsMatch(name))
            {
                nodes.Error(key, $"params: expected a parameter name (letters, digits, '_'), got {SpecNodes.Describe(key)}");
                ok = false;
                continue;
            }
            var domain = ReadDomain(nodes, value, $"params.{name}");
            if (domain is null) ok = false;
            else parameters.Add(new(name, domain));
        }
        return ok ? new SearchSpace(parameters) : null;
    }

    private static Domain? ReadDomain(SpecNodes nodes, YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar || SpecNodes.IsNull(node))
        {
            nodes.Error(node, $"{path}: expected a value or a domain such as loguniform(1e-3, 1e-1), choice(64, 128) or grid(1, 2), got {SpecNodes.Describe(node)}");
            return null;
        }
        var text = scalar.Value ?? "";
        // A quoted scalar is a string value, never a domain: "choice(a)" stays the text choice(a).
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return new FixedValue(ParamValue.Of(text));
        if (DomainParser.TryParse(text, out var domain, out var error)) return domain;
        // A plain scalar on one line starts at the node's column; the parser's offset lands on the offending character.
        var singleLine = scalar.Start.Line == scalar.End.Line && !text.Contains('\n');
        var at = singleLine ? new Mark(scalar.Start.Index + error.Offset, scalar.Start.Line, scalar.Start.Column + error.Offset) : scalar.Start;
        nodes.Error(at, $"{path}: {error.Message}");
        return null;
    }

    private static SearchSpec? ReadSearch(SpecNodes nodes, YamlNode node)
    {
        var fields = nodes.Fields(node, "search", ["kind", "samples", "seed"]);
        if (fields is null) return null;
        var kind = SpecNodes.Optional(fields, "kind") is { } k ? nodes.Choice(k, "search.kind", SearchKinds) : SearchKind.Grid;
        var samples = SpecNodes.Optional(fields, "samples") is { } s ? nodes.Int(s, "search.samples", 1, ExperimentSpecReader.MaxTrials) : 1;
        var seed = SpecNodes.Optional(fields, "seed") is { } sd ? nodes.UInt64(sd, "search.seed") : 0UL;
        return kind is null || samples is null || seed is null ? null : new SearchSpec(kind.Value, samples.Value, seed.Value);
    }

    private static SchedulerSpec? ReadScheduler(SpecNodes nodes, YamlNode node, TrainSpec? train)
    {
        var fields = nodes.Fields(node, "scheduler", ["kind", "grace", "reduction", "max_t", "min_samples"]);
        if (fields is null) return null;
        var kind = nodes.Required(fields, "kind", node, "scheduler") is { } k ? nodes.Choice(k, "scheduler.kind", SchedulerKinds) : null;
        if (kind is null) return null;
        var allowed = SchedulerKeys[kind.Value];
        var kindName = SchedulerKinds.First(p => p.Value == kind).Key;
        var stray = fields.Where(f => !allowed.Contains(f.Key)).ToList();
        foreach (var (name, (key, _)) in stray)
            nodes.Error(key, $"scheduler: expected only {string.Join(", ", allowed)} for kind {kindName}, got '{name}'");
        if (stray.Count > 0) return null;

        var spec = new SchedulerSpec(kind.Value);
        switch (kind)
        {
            case SchedulerKind.Asha:
            {
                var grace = SpecNodes.Optional(fields, "grace") is { } g ? nodes.Number(g, "scheduler.grace", x => x > 0, "a number > 0 (epochs)") : spec.Grace;
                var reduction = SpecNodes.Optional(fields, "reduction") is { } r ? nodes.Number(r, "scheduler.reduction", x => x > 1, "a number > 1") : spec.Reduction;
                var epochs = train?.Epochs ?? int.MaxValue;
                var maxTNode = SpecNodes.Optional(fields, "max_t");
                var maxT = maxTNode is not null ? nodes.Int(maxTNode, "scheduler.max_t", 1, epochs) : train?.Epochs;
                if (grace is null || reduction is null || (maxTNode is not null && maxT is null)) return null;
                if (maxT is { } mt && grace > mt)
                {
                    nodes.Error(fields["grace"].Value, $"scheduler.grace: expected at most max_t ({mt}), got {grace}");
                    return null;
                }
                return spec with { Grace = grace.Value, Reduction = reduction.Value, MaxT = maxT };
            }
            case SchedulerKind.Median:
            {
                var grace = SpecNodes.Optional(fields, "grace") is { } g ? nodes.Number(g, "scheduler.grace", x => x >= 0, "a number ≥ 0 (epochs)") : spec.Grace;
                var minSamples = SpecNodes.Optional(fields, "min_samples") is { } m ? nodes.Int(m, "scheduler.min_samples", 1) : spec.MinSamples;
                return grace is null || minSamples is null ? null : spec with { Grace = grace.Value, MinSamples = minSamples.Value };
            }
            default:
                return spec;
        }
    }

    private static ResourcesSpec? ReadResources(SpecNodes nodes, YamlNode node, TrainSpec? train)
    {
        var fields = nodes.Fields(node, "resources", ["slots_per_trial", "replicas", "slots_per_replica", "device"]);
        if (fields is null) return null;
        var device = DeviceKind.Cpu;
        if (SpecNodes.Optional(fields, "device") is { } d)
        {
            if (d is not YamlScalarNode { Value: "cpu" or "cuda" } scalar)
            {
                nodes.Error(d, $"resources.device: expected cpu or cuda, got {SpecNodes.Describe(d)}");
                return null;
            }
            device = DeviceKinds.Parse(scalar.Value, "resources.device");
        }
        if (fields.TryGetValue("slots_per_trial", out var perTrial))
        {
            var conflict = fields.Keys.FirstOrDefault(k => k is "replicas" or "slots_per_replica");
            if (conflict is not null)
            {
                nodes.Error(perTrial.Key, $"resources: expected either slots_per_trial or replicas with slots_per_replica, got slots_per_trial and {conflict}");
                return null;
            }
            var slots = nodes.Int(perTrial.Value, "resources.slots_per_trial", 1);
            return slots is null ? null : new ResourcesSpec(ReplicaRange.One, slots.Value, device);
        }

        var replicas = ReplicaRange.One;
        if (SpecNodes.Optional(fields, "replicas") is { } r)
        {
            var parsed = r is YamlScalarNode { Value: { } text } ? ReplicaRange.TryParse(text) : null;
            if (parsed is null)
            {
                nodes.Error(r, $"resources.replicas: expected a replica count ≥ 1 or a range like 2..4, got {SpecNodes.Describe(r)}");
                return null;
            }
            replicas = parsed;
            if (train is not null)
            {
                var bad = replicas.EndsNotDividing(train.BatchSize);
                if (bad.Count > 0)
                {
                    nodes.Error(r, $"resources.replicas: expected replica counts that divide train.batch_size ({train.BatchSize}), got {string.Join(" and ", bad)}");
                    return null;
                }
            }
        }
        var perReplica = SpecNodes.Optional(fields, "slots_per_replica") is { } s ? nodes.Int(s, "resources.slots_per_replica", 1) : 1;
        return perReplica is null ? null : new ResourcesSpec(replicas, perReplica.Value, device);
    }
}
