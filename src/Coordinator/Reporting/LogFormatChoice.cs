namespace Troupe.Coordinator.Reporting;

/// <summary>
/// Which log <c>--log-format</c> (or TROUPE_LOG_FORMAT) asks for on this terminal: <c>auto</c> (the default) is the
/// live view when a person watches (<see cref="TerminalFacts.Interactive"/>) and text lines everywhere else (a file, a
/// pipe, <c>TERM=dumb</c>, a container, CI); <c>live</c> forces the view on any terminal; <c>text</c> (or
/// <c>plain</c>) and <c>json</c> are always what they say.
/// </summary>
internal static class LogFormatChoice
{
    public const string Values = "auto, live, plain, text or json";

    /// <exception cref="ArgumentException">An unknown value, or <c>live</c> with stdout redirected.</exception>
    public static LogFormat Resolve(string? requested, TerminalFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return (requested ?? "auto").Trim().ToLowerInvariant() switch
        {
            "auto" => facts.Interactive ? LogFormat.Live : LogFormat.Text,
            "live" when facts.OutputRedirected =>
                throw new ArgumentException("--log-format live: expected stdout to be a terminal, got it redirected to a file or pipe; use text or json there"),
            "live" => LogFormat.Live,
            "text" or "plain" => LogFormat.Text,
            "json" => LogFormat.Json,
            _ => throw new ArgumentException($"--log-format (or TROUPE_LOG_FORMAT): expected {Values}, got '{requested}'"),
        };
    }
}
