using System.Collections.Immutable;
using System.Globalization;
using Troupe.Node;
using Troupe.Training.Tuning;

namespace Troupe.Worker.Host;

/// <summary>
/// <c>troupe-worker</c>'s options: each flag, else its environment variable (the contract shared with deploy/), else
/// a default. <c>--seed</c>/TROUPE_SEED (required), <c>--slots</c>/TROUPE_SLOTS (default: one per GPU, else per core),
/// <c>--device</c>/TROUPE_DEVICE (cpu|cuda: the kind of slots offered; default cpu with --slots, else cuda when libtorch sees a GPU),
/// <c>--listen</c>/TROUPE_LISTEN (bind host:port, default 0.0.0.0:0), <c>--hostname</c>/TROUPE_HOSTNAME,
/// <c>--port</c>/TROUPE_PORT (advertised; default the bind ones), <c>--secret</c>/TROUPE_SECRET,
/// <c>--log-format</c>/TROUPE_LOG_FORMAT (text|json; the coordinator's plain, auto and live mean text), <c>--timing</c>/TROUPE_TIMING (default|tight).
/// </summary>
internal sealed record WorkerOptions(ClusterNodeOptions Node, int? Slots, bool Json, DeviceKind? Device = null)
{
    public const string Usage =
        "usage: troupe-worker --seed HOST:PORT [--slots N] [--device cpu|cuda] [--listen HOST:PORT] [--hostname ADVERTISED] [--port ADVERTISED_PORT] [--secret S] [--log-format text|json] [--timing default|tight]\n"
        + "  every option also from the environment: TROUPE_SEED, TROUPE_SLOTS, TROUPE_DEVICE, TROUPE_LISTEN, TROUPE_HOSTNAME, TROUPE_PORT, TROUPE_SECRET, TROUPE_LOG_FORMAT, TROUPE_TIMING (flags win)";

    private static readonly string[] Known = ["seed", "slots", "device", "listen", "hostname", "port", "secret", "log-format", "timing"];

    /// <exception cref="ArgumentException">An unknown option, a missing value or a malformed one.</exception>
    public static WorkerOptions Parse(string[] args, Func<string, string?> environment)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!Known.Contains(name)) throw new ArgumentException($"expected one of --{string.Join(", --", Known)}, got '{args[i]}'");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]}: expected a value, got none");
            flags[name] = args[i + 1];
        }
        string? Get(string flag) => flags.TryGetValue(flag, out var v) ? v : environment("TROUPE_" + flag.Replace("log-format", "log_format").ToUpperInvariant()) is { Length: > 0 } e ? e : null;

        var seeds = ClusterNodeOptions.ParseSeeds("--seed", Get("seed"));
        if (seeds.IsEmpty) throw new ArgumentException("--seed: expected the coordinator's HOST:PORT (or TROUPE_SEED), got none");
        var (host, port) = ClusterNodeOptions.ParseEndpoint("--listen", Get("listen") ?? "0.0.0.0:0");
        int? slots = Get("slots") is { } s ? Int("--slots", s, 1) : null;
        DeviceKind? device = Get("device") is { } d ? DeviceKinds.Parse(d, "--device") : null;
        int? publicPort = Get("port") is { } p ? Int("--port", p, 1) : null;
        var format = Get("log-format") ?? "text";
        // TROUPE_LOG_FORMAT is shared with the coordinator, whose auto/live/plain mean lines here: a worker has no live table.
        if (format is not ("text" or "json" or "plain" or "auto" or "live"))
            throw new ArgumentException($"--log-format: expected text or json (plain, auto and live write text on a worker), got '{format}'");
        var node = new ClusterNodeOptions(host, port, Get("hostname"), publicPort, Get("secret") ?? "", seeds,
            ImmutableSortedSet.Create(StringComparer.Ordinal, "worker"), ImmutableDictionary<string, int>.Empty, Get("timing") ?? "default");
        node.Validate();
        return new WorkerOptions(node, slots, format == "json", device);
    }

    private static int Int(string what, string text, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n : throw new ArgumentException($"{what}: expected an integer >= {min}, got '{text}'");
}
