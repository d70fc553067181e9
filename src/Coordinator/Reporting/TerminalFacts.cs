namespace Troupe.Coordinator.Reporting;

/// <summary>
/// Where the coordinator's stdout goes, as far as choosing the log is concerned (<see cref="LogFormatChoice"/>):
/// redirected to a file or pipe or not, the <c>TERM</c> it runs under, and whether it runs in a container or on CI,
/// where a terminal, if there is one, belongs to a log collector rather than to a person.
/// </summary>
internal sealed record TerminalFacts(bool OutputRedirected, string? Term, bool InContainer, bool InCi)
{
    private static readonly string[] CiVariables = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION"];
    private static readonly string[] ContainerFiles = ["/.dockerenv", "/run/.containerenv"];

    /// <summary>A person is likely watching: stdout is a terminal that can move its cursor, outside containers and CI.</summary>
    public bool Interactive => !OutputRedirected && Term is { Length: > 0 } term && term != "dumb" && !InContainer && !InCi;

    /// <summary>This process's facts.</summary>
    public static TerminalFacts Detect() => Read(Console.IsOutputRedirected, Environment.GetEnvironmentVariable, File.Exists);

    /// <summary>
    /// The facts from an environment: containers leave <c>/.dockerenv</c> (Docker) or <c>/run/.containerenv</c>
    /// (Podman) or set <c>container</c> (systemd-nspawn, Podman) or <c>KUBERNETES_SERVICE_HOST</c>; CI services set
    /// <c>CI</c> or a variable of their own (a value of <c>false</c> or <c>0</c> counts as unset).
    /// </summary>
    public static TerminalFacts Read(bool outputRedirected, Func<string, string?> environment, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileExists);
        bool Set(string name) => environment(name) is { Length: > 0 } v && v != "0" && !v.Equals("false", StringComparison.OrdinalIgnoreCase);
        return new TerminalFacts(
            outputRedirected,
            environment("TERM"),
            ContainerFiles.Any(fileExists) || Set("container") || Set("KUBERNETES_SERVICE_HOST"),
            CiVariables.Any(Set));
    }
}
