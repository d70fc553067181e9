using System.Diagnostics;
using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>
/// deploy/docker-entrypoint.sh run for real with bash, a stand-in <c>dotnet</c> on PATH printing what it was given:
/// role selection, the default coordinator command, the advertised-hostname fallback, the secret passed through or
/// read from a file (compose secrets), and clear refusals of a secret file that is missing or empty.
/// </summary>
public sealed class EntrypointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("troupe-entrypoint-").FullName;

    public EntrypointTests()
    {
        var fake = Path.Combine(_dir, "dotnet");
        System.IO.File.WriteAllText(fake, "#!/usr/bin/env bash\necho \"args=$*\"\necho \"host=$TROUPE_HOSTNAME\"\necho \"secret=${TROUPE_SECRET:-}\"\n");
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void Entrypoint_must_run_the_coordinator_on_TROUPE_SPEC_when_given_no_command()
    {
        var (code, output) = Run(["coordinator"], ("TROUPE_SPEC", "/experiments/a.yaml"));
        code.Should().Be(0, output);
        output.Should().Contain("args=/opt/troupe/troupe-coordinator.dll run /experiments/a.yaml");
    }

    [Fact]
    public void Entrypoint_must_choose_the_role_from_TROUPE_ROLE_and_pass_arguments_through()
    {
        var (code, output) = Run(["--help"], ("TROUPE_ROLE", "worker"));
        code.Should().Be(0, output);
        output.Should().Contain("args=/opt/troupe/troupe-worker.dll --help");
    }

    [Fact]
    public void Entrypoint_must_refuse_to_start_without_a_role()
    {
        var (code, output) = Run([]);
        code.Should().Be(2);
        output.Should().Contain("TROUPE_ROLE");
    }

    [Fact]
    public void Entrypoint_must_advertise_the_container_address_when_TROUPE_HOSTNAME_is_empty()
    {
        var (_, output) = Run(["worker"], ("TROUPE_HOSTNAME", ""));
        var host = output.Split('\n').Single(l => l.StartsWith("host=")).Substring(5);
        host.Should().NotBeEmpty();
        var (_, pinned) = Run(["worker"], ("TROUPE_HOSTNAME", "worker-7"));
        pinned.Should().Contain("host=worker-7\n");
    }

    [Fact]
    public void Entrypoint_must_pass_TROUPE_SECRET_through_to_the_node()
    {
        var (_, output) = Run(["worker"], ("TROUPE_SECRET", "s3cret-s3cret"));
        output.Should().Contain("secret=s3cret-s3cret\n");
    }

    [Fact]
    public void Entrypoint_must_read_the_secret_from_TROUPE_SECRET_FILE()
    {
        var file = Path.Combine(_dir, "secret");
        System.IO.File.WriteAllText(file, "from-the-file-123\n");
        var (code, output) = Run(["worker"], ("TROUPE_SECRET_FILE", file));
        code.Should().Be(0, output);
        output.Should().Contain("secret=from-the-file-123\n", "the first line, without its newline");
    }

    [Fact]
    public void Entrypoint_must_let_TROUPE_SECRET_win_over_the_secret_file()
    {
        var file = Path.Combine(_dir, "secret");
        System.IO.File.WriteAllText(file, "from-the-file-123\n");
        var (_, output) = Run(["worker"], ("TROUPE_SECRET_FILE", file), ("TROUPE_SECRET", "from-the-env-456"));
        output.Should().Contain("secret=from-the-env-456\n");
    }

    [Fact]
    public void Entrypoint_must_refuse_a_missing_or_empty_secret_file_naming_it()
    {
        var missing = Path.Combine(_dir, "no-such-secret");
        var (code, output) = Run(["worker"], ("TROUPE_SECRET_FILE", missing));
        code.Should().Be(2);
        output.Should().Contain(missing).And.Contain("does not exist");
        var empty = Path.Combine(_dir, "empty-secret");
        System.IO.File.WriteAllText(empty, "");
        (code, output) = Run(["worker"], ("TROUPE_SECRET_FILE", empty));
        code.Should().Be(2);
        output.Should().Contain(empty).And.Contain("is empty");
    }

    private (int Code, string Output) Run(string[] args, params (string Name, string Value)[] env)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.PathOf("deploy/docker-entrypoint.sh"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("TROUPE_")).ToList()) info.Environment.Remove(key);
        info.Environment["PATH"] = _dir + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in env) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(10_000).Should().BeTrue("the entrypoint must not hang");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
