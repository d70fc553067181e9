using System.Text.Json;
using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>deploy/Dockerfile: a bookworm build stage with the SDK global.json pins, a slim runtime stage that runs as non-root.</summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile File = Dockerfile.Parse(Repo.Read("deploy/Dockerfile"));

    [Fact]
    public void Dockerfile_must_build_on_bookworm_and_run_on_bookworm_slim()
    {
        File.Stages.Should().HaveCountGreaterThanOrEqualTo(2);
        File.Stages[0].From.Should().Be("debian:bookworm");
        File.Runtime.From.Should().Be("debian:bookworm-slim");
    }

    [Fact]
    public void Dockerfile_build_stage_must_install_the_sdk_global_json_pins_and_the_native_toolchain()
    {
        var build = File.Stages[0];
        var sdk = JsonDocument.Parse(Repo.Read("global.json")).RootElement.GetProperty("sdk").GetProperty("version").GetString();
        build.All("ARG").Select(a => a.Arguments).Should().Contain($"DOTNET_SDK_VERSION={sdk}");
        var run = string.Join('\n', build.All("RUN").Select(r => r.Arguments));
        foreach (var package in new[] { "libgloo-dev", "cmake", "g++" })
            run.Should().MatchRegex($@"apt-get install[^\n]*\s{System.Text.RegularExpressions.Regex.Escape(package)}(\s|$)");
        run.Should().NotContain("libtorch-dev", "libtorch comes with TorchSharp's NuGet packages");
        run.Should().Contain("cmake -S src/Native").And.Contain("dotnet publish src/Coordinator/Troupe.Coordinator.csproj")
            .And.Contain("<AssemblyName>troupe-worker</AssemblyName>");
    }

    [Fact]
    public void Dockerfile_runtime_stage_must_install_only_runtime_libraries()
    {
        var run = string.Join('\n', File.Runtime.All("RUN").Select(r => r.Arguments));
        run.Should().Contain(" libgloo0");
        run.Should().NotContain("libtorch").And.NotContain("g++").And.NotContain("cmake");
        File.Runtime.All("COPY").Select(c => c.Arguments).Should()
            .Contain(c => c.StartsWith("--from=build /out/coordinator ")).And.Contain(c => c.StartsWith("--from=build /out/worker "));
    }

    [Fact]
    public void Dockerfile_runtime_stage_must_run_as_a_non_root_user()
    {
        var user = File.Runtime.All("USER").Should().NotBeEmpty().And.Subject.Last().Arguments.Split(':')[0];
        user.Should().NotBe("root").And.NotBe("0");
        File.Runtime.All("RUN").Should().Contain(r => r.Arguments.Contains($"useradd") && r.Arguments.Contains($" {user}"));
    }

    [Fact]
    public void Dockerfile_runtime_stage_must_have_a_healthcheck_that_runs_a_shipped_script()
    {
        var check = File.Runtime.All("HEALTHCHECK").Should().ContainSingle().Subject.Arguments;
        check.Should().NotBe("NONE").And.Contain("CMD");
        check.Should().Contain("/usr/local/bin/troupe-healthcheck");
        File.Runtime.All("COPY").Should().Contain(c => c.Arguments == "deploy/healthcheck.sh /usr/local/bin/troupe-healthcheck");
    }

    [Fact]
    public void Dockerfile_runtime_stage_must_provide_both_entrypoints()
    {
        File.Runtime.All("ENTRYPOINT").Should().ContainSingle().Which.Arguments.Should().Be("[\"/usr/local/bin/troupe-entrypoint\"]");
        var run = string.Join('\n', File.Runtime.All("RUN").Select(r => r.Arguments));
        run.Should().Contain("ln -s troupe-entrypoint /usr/local/bin/troupe-coordinator")
            .And.Contain("ln -s troupe-entrypoint /usr/local/bin/troupe-worker");
        var entrypoint = Repo.Read("deploy/docker-entrypoint.sh");
        entrypoint.Should().Contain("/coordinator/troupe-coordinator.dll").And.Contain("/worker/troupe-worker.dll");
    }
}
