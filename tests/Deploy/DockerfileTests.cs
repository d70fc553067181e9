using System.Text.Json;
using System.Text.RegularExpressions;
using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile: built on Microsoft's .NET SDK image and run on its runtime image, both build arguments (local
/// stand-ins where no public registry answers); the shim built in the build stage; a runtime stage with no compiler
/// or SDK that runs as non-root. `make compose-test` builds and runs it for real; these specs only parse it.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile File = Dockerfile.Parse(Repo.Read("deploy/Dockerfile"));

    private static Dockerfile.Stage Build => File.Stages.Single(s => s.Name == "build");

    [Fact]
    public void Dockerfile_must_build_on_the_official_sdk_image_and_run_on_the_official_runtime_image_taken_as_build_args()
    {
        File.GlobalArgs.Should().Contain("SDK_IMAGE", "mcr.microsoft.com/dotnet/sdk:10.0")
            .And.Contain("RUNTIME_IMAGE", "mcr.microsoft.com/dotnet/runtime:10.0");
        Build.From.Should().Be("${SDK_IMAGE}", "a machine without a public registry passes a stand-in");
        File.Runtime.From.Should().Be("${RUNTIME_IMAGE}");
        File.Stages.Select(s => File.BaseImage(s)).Should().OnlyContain(i => i.StartsWith("mcr.microsoft.com/dotnet/"));
    }

    [Fact]
    public void Dockerfile_sdk_image_must_satisfy_global_json()
    {
        var sdk = JsonDocument.Parse(Repo.Read("global.json")).RootElement.GetProperty("sdk");
        var version = sdk.GetProperty("version").GetString()!;
        var tag = File.BaseImage(Build).Split(':')[^1];
        version.Should().StartWith(tag + ".", "the image's SDK line must be the one global.json pins");
        sdk.GetProperty("rollForward").GetString().Should().BeOneOf(["latestFeature", "latestMinor", "latestMajor"],
            "the image brings the newest SDK of its line, not global.json's exact feature band");
    }

    [Fact]
    public void Dockerfile_build_stage_must_build_the_native_shim_and_publish_both_apps()
    {
        var run = string.Join('\n', Build.All("RUN").Select(r => r.Arguments));
        foreach (var package in new[] { "libgloo-dev", "cmake", "g++", "make" })
            run.Should().MatchRegex($@"apt-get install[^\n]*\s{Regex.Escape(package)}(\s|$)");
        run.Should().NotContain("libtorch-dev", "libtorch comes with TorchSharp's NuGet packages");
        run.Should().NotContain("dotnet-install", "the SDK comes with the base image");
        run.Should().Contain("cmake -S src/Native");
        var published = Regex.Matches(run, @"dotnet publish (\S+\.csproj)").Select(m => m.Groups[1].Value).ToList();
        published.Should().Contain("src/Coordinator/Troupe.Coordinator.csproj");
        published.Should().Contain(p => Repo.Read(p).Contains("<AssemblyName>troupe-worker</AssemblyName>"), "the worker executable is published too");
        Regex.Matches(run, @"dotnet publish [^&]*-o (\S+)").Select(m => m.Groups[1].Value).Distinct()
            .Should().Equal(["/out/troupe"], "both apps in one folder: libtorch once, not twice");
    }

    [Fact]
    public void Dockerfile_build_stage_must_restore_before_it_copies_the_sources()
    {
        var steps = Build.Instructions;
        var restore = steps.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore"));
        var sources = steps.FindIndex(i => i.Keyword == "COPY" && i.Arguments == "src/ src/");
        restore.Should().BeGreaterThan(-1);
        sources.Should().BeGreaterThan(restore, "the NuGet layer (libtorch ~600 MB) must survive source edits");
        steps.Take(restore).Where(i => i.Keyword == "COPY").Select(i => i.Arguments).Should().OnlyContain(a => a.StartsWith("--from=projects "));
    }

    [Fact]
    public void Dockerfile_runtime_stage_must_install_only_runtime_libraries()
    {
        var run = string.Join('\n', File.Runtime.All("RUN").Select(r => r.Arguments));
        run.Should().Contain(" libgloo0");
        run.Should().NotContain("libtorch").And.NotContain("g++").And.NotContain("cmake").And.NotContain("-dev");
        File.BaseImage(File.Runtime).Should().NotContain("/sdk:", "no SDK in the image that runs");
        File.Runtime.All("COPY").Select(c => c.Arguments).Should().Contain("--from=build /out/troupe /opt/troupe");
        var dockerIgnore = Repo.Read(".dockerignore");
        dockerIgnore.Should().Contain("deploy/troupe.secret", "the cluster secret must never reach an image layer");
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
        File.Runtime.All("ENV").Should().Contain(e => e.Arguments.Contains("TROUPE_HOME=/opt/troupe"));
        var entrypoint = Repo.Read("deploy/docker-entrypoint.sh");
        entrypoint.Should().Contain("$TROUPE_HOME/troupe-coordinator.dll").And.Contain("$TROUPE_HOME/troupe-worker.dll");
    }
}
