using Troupe.Coordinator.Reporting;

namespace Troupe.Coordinator.Tests.Reporting;

/// <summary>Which log a coordinator writes on which terminal (<c>--log-format</c> and the facts about stdout).</summary>
public sealed class LogFormatChoiceSpecs
{
    private static readonly TerminalFacts Person = new(OutputRedirected: false, Term: "xterm-256color", InContainer: false, InCi: false);

    [Theory]
    [InlineData("auto", false, "xterm-256color", false, false, LogFormat.Live)]
    [InlineData(null, false, "xterm", false, false, LogFormat.Live)]
    [InlineData("auto", true, "xterm", false, false, LogFormat.Text)]
    [InlineData("auto", false, "dumb", false, false, LogFormat.Text)]
    [InlineData("auto", false, null, false, false, LogFormat.Text)]
    [InlineData("auto", false, "xterm", true, false, LogFormat.Text)]
    [InlineData("auto", false, "xterm", false, true, LogFormat.Text)]
    [InlineData("live", false, "dumb", true, true, LogFormat.Live)]
    [InlineData("LIVE", false, "xterm", false, false, LogFormat.Live)]
    [InlineData("text", false, "xterm", false, false, LogFormat.Text)]
    [InlineData("plain", false, "xterm", false, false, LogFormat.Text)]
    [InlineData("json", false, "xterm", false, false, LogFormat.Json)]
    [InlineData("json", true, null, true, true, LogFormat.Json)]
    public void LogFormatChoice_must_pick_the_live_view_only_where_a_person_watches_unless_told(string? requested, bool redirected, string? term, bool container,
        bool ci, LogFormat expected) =>
        LogFormatChoice.Resolve(requested, new TerminalFacts(redirected, term, container, ci)).Should().Be(expected);

    [Theory]
    [InlineData("live", true, "expected stdout to be a terminal, got it redirected")]
    [InlineData("fancy", false, "expected auto, live, plain, text or json, got 'fancy'")]
    [InlineData("", false, "got ''")]
    public void LogFormatChoice_must_refuse_what_it_cannot_do_with_expected_and_actual(string requested, bool redirected, string message)
    {
        var act = () => LogFormatChoice.Resolve(requested, Person with { OutputRedirected = redirected });

        act.Should().Throw<ArgumentException>().WithMessage($"*{message}*");
    }

    [Theory]
    [InlineData(new string[0], new string[0], false, false)]
    [InlineData(new[] { "CI=true" }, new string[0], false, true)]
    [InlineData(new[] { "CI=false" }, new string[0], false, false)]
    [InlineData(new[] { "CI=0" }, new string[0], false, false)]
    [InlineData(new[] { "GITHUB_ACTIONS=true" }, new string[0], false, true)]
    [InlineData(new[] { "JENKINS_URL=http://ci" }, new string[0], false, true)]
    [InlineData(new string[0], new[] { "/.dockerenv" }, true, false)]
    [InlineData(new string[0], new[] { "/run/.containerenv" }, true, false)]
    [InlineData(new[] { "container=podman" }, new string[0], true, false)]
    [InlineData(new[] { "KUBERNETES_SERVICE_HOST=10.0.0.1" }, new string[0], true, false)]
    public void TerminalFacts_must_see_containers_and_ci_from_their_files_and_variables(string[] variables, string[] files, bool container, bool ci)
    {
        var env = variables.Select(v => v.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        env["TERM"] = "xterm";

        var facts = TerminalFacts.Read(false, n => env.GetValueOrDefault(n), files.Contains);

        facts.Should().Be(new TerminalFacts(false, "xterm", container, ci));
        facts.Interactive.Should().Be(!container && !ci);
    }
}
