using System.Text.RegularExpressions;
using Troupe.Deploy.Tests.Support;

namespace Troupe.Deploy.Tests;

/// <summary>
/// docker-compose.yml, parsed with YamlDotNet: the topology issues 8 and 19 ask for, every variable the apps read set
/// per role, the secret as a compose secret, and nothing Debian's docker-compose 1.29 cannot read. `make compose-test`
/// runs it for real.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(Repo.PathOf("docker-compose.yml"));

    [Fact]
    public void Compose_must_define_exactly_a_coordinator_and_a_worker_service()
    {
        Compose.Map("services").Keys.Cast<string>().Should().BeEquivalentTo(DeployContract.Coordinator, DeployContract.Worker);
    }

    [Theory]
    [InlineData(DeployContract.Coordinator)]
    [InlineData(DeployContract.Worker)]
    public void Compose_must_build_each_service_from_the_deploy_Dockerfile_into_one_image(string service)
    {
        var s = Compose.Service(service);
        s.Should().ContainKey("image");
        s["image"].Should().Be(Compose.Service(DeployContract.Coordinator)["image"], "both roles run one image");
        var build = ComposeFile.Map(s, "build");
        build["context"].Should().Be(".");
        build["dockerfile"].Should().Be("deploy/Dockerfile");
        File.Exists(Repo.PathOf((string)build["dockerfile"])).Should().BeTrue();
        // The base images are the Dockerfile's build arguments, with the Dockerfile's defaults (Microsoft's images).
        var args = ComposeFile.Map(build, "args");
        var dockerfile = Dockerfile.Parse(Repo.Read("deploy/Dockerfile"));
        foreach (var arg in new[] { "SDK_IMAGE", "RUNTIME_IMAGE" })
            ComposeFile.Resolve((string)args[arg]).Should().Be(dockerfile.GlobalArgs[arg]);
    }

    [Fact]
    public void Compose_must_stay_within_what_docker_compose_1_29_reads()
    {
        // Compose Specification keys that Debian's docker-compose 1.29 also accepts; it refuses a top-level `name`.
        var allowed = new[] { "services", "networks", "volumes", "secrets", "configs" };
        Compose.Root.Keys.Cast<string>().Where(k => !k.StartsWith("x-") && !allowed.Contains(k)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(DeployContract.Coordinator)]
    [InlineData(DeployContract.Worker)]
    public void Compose_must_give_each_service_its_role(string service)
    {
        Compose.Environment(service)["TROUPE_ROLE"].Should().Be(service);
        ComposeFile.Strings(Compose.Service(service), "command").Should().Equal(service);
    }

    [Theory]
    [InlineData(DeployContract.Coordinator)]
    [InlineData(DeployContract.Worker)]
    public void Compose_must_set_every_contract_variable_for_each_role(string role)
    {
        var available = Available(role);
        DeployContract.ByRole[role].Where(v => !available.Contains(v))
            .Should().BeEmpty($"the {role} reads these variables (the contract) and compose, the image or the entrypoint must set them");
    }

    [Theory]
    [InlineData(DeployContract.Coordinator)]
    [InlineData(DeployContract.Worker)]
    public void Compose_must_set_every_TROUPE_variable_the_sources_read_for_each_role(string role)
    {
        var available = Available(role);
        var read = DeployContract.ReadBySources(Repo.Root).Where(kv => kv.Value.Contains(role)).Select(kv => kv.Key);
        read.Where(v => !available.Contains(v))
            .Should().BeEmpty($"src/ reads these variables in the {role} and the deployment must set them");
    }

    [Fact]
    public void Source_scan_must_find_the_listen_variable_the_coordinator_reads()
    {
        // Guards the scan itself: src/Coordinator reads TROUPE_LISTEN, so an empty scan is a broken scan.
        DeployContract.ReadBySources(Repo.Root).Should().ContainKey("TROUPE_LISTEN")
            .WhoseValue.Should().Contain(DeployContract.Coordinator);
    }

    [Fact]
    public void Compose_must_publish_the_coordinator_port_it_listens_and_advertises()
    {
        var env = Compose.Environment(DeployContract.Coordinator);
        var port = ComposeFile.Resolve(env["TROUPE_PORT"]);
        ComposeFile.Resolve(env["TROUPE_LISTEN"]).Should().EndWith(":" + port);
        ComposeFile.Strings(Compose.Service(DeployContract.Coordinator), "ports", "target")
            .Select(p => p.Split(':')[^1]).Should().Contain(port);
        ComposeFile.Resolve(env["TROUPE_HOSTNAME"]).Should().Be(DeployContract.Coordinator, "workers reach the coordinator by its service name");
    }

    [Fact]
    public void Compose_workers_must_seed_to_the_coordinator_by_service_name_and_port()
    {
        var coordinatorPort = ComposeFile.Resolve(Compose.Environment(DeployContract.Coordinator)["TROUPE_PORT"]);
        ComposeFile.Resolve(Compose.Environment(DeployContract.Worker)["TROUPE_SEED"]).Should().Be($"coordinator:{coordinatorPort}");
    }

    [Fact]
    public void Compose_worker_must_scale_with_an_address_per_container()
    {
        var worker = Compose.Service(DeployContract.Worker);
        worker.Should().NotContainKeys(["container_name", "hostname", "ports"], "replicas of one service cannot share a name or host ports");
        Compose.Environment(DeployContract.Worker)["TROUPE_HOSTNAME"].Should().BeEmpty("each replica advertises its own address");
        var entrypoint = Repo.Read("deploy/docker-entrypoint.sh");
        entrypoint.Should().Contain("hostname -i").And.Contain("export TROUPE_HOSTNAME");
        var listen = ComposeFile.Resolve(Compose.Environment(DeployContract.Worker)["TROUPE_LISTEN"]);
        listen.Should().StartWith("0.0.0.0:").And.EndWith(":" + ComposeFile.Resolve(Compose.Environment(DeployContract.Worker)["TROUPE_PORT"]));
    }

    [Fact]
    public void Compose_must_keep_the_run_dir_on_a_named_volume_and_mount_experiments_read_only()
    {
        var coordinator = Compose.Service(DeployContract.Coordinator);
        var env = Compose.Environment(DeployContract.Coordinator);
        var volumes = ComposeFile.Strings(coordinator, "volumes", "target").Select(ComposeFile.Resolve).ToList();
        var named = Compose.Map("volumes").Keys.Cast<string>().ToList();
        var runDir = ComposeFile.Resolve(env["TROUPE_RUN_DIR"]);
        volumes.Should().Contain(v => named.Contains(v.Split(':')[0]) && runDir.StartsWith(v.Split(':')[1]),
            "the run dir (journal, checkpoints) must outlive the container so a restart resumes");
        volumes.Should().Contain(v => v.StartsWith("./experiments:") && v.EndsWith(":ro"));
        var experimentsTarget = volumes.Single(v => v.StartsWith("./experiments:")).Split(':')[1];
        var spec = ComposeFile.Resolve(env["TROUPE_SPEC"]);
        spec.Should().StartWith(experimentsTarget + "/");
        File.Exists(Repo.PathOf("experiments/" + spec[(experimentsTarget.Length + 1)..])).Should().BeTrue($"TROUPE_SPEC {spec} must name a spec in ./experiments");
    }

    [Fact]
    public void Compose_must_put_every_service_on_one_declared_private_network()
    {
        var declared = Compose.Map("networks");
        declared.Should().HaveCount(1);
        var name = (string)declared.Keys.Single();
        foreach (var service in Compose.Map("services").Keys.Cast<string>())
            ComposeFile.Strings(Compose.Service(service), "networks").Should().Equal(name);
        var network = declared[name] as Dictionary<object, object>;
        (network?.GetValueOrDefault("external") as string).Should().NotBe("true");
    }

    [Theory]
    [InlineData(DeployContract.Coordinator)]
    [InlineData(DeployContract.Worker)]
    public void Compose_must_give_the_secret_as_a_compose_secret_only(string service)
    {
        ComposeFile.Strings(Compose.Service(service), "secrets", "source").Should().Equal(SecretName);
        Compose.Service(service).Should().NotContainKey("env_file");
        Compose.Environment(service).Keys.Should().NotContain(k => k.Contains("SECRET"), "a secret inline in the compose file would be committed");
        var file = ComposeFile.Resolve((string)ComposeFile.Map(Compose.Map("secrets"), SecretName)["file"]);
        var relative = file.StartsWith("./") ? file[2..] : file;
        Repo.Read(".gitignore").Should().Contain("/" + relative, $"{file} holds the secret: never committed");
        Repo.Read(".dockerignore").Should().Contain(relative, $"{file} holds the secret: never in an image");
        // Compose mounts it at /run/secrets/NAME, where the entrypoint reads it into TROUPE_SECRET.
        Repo.Read("deploy/docker-entrypoint.sh").Should().Contain($"/run/secrets/{SecretName}").And.Contain("export TROUPE_SECRET");
    }

    [Fact]
    public void Compose_must_wait_for_a_healthy_coordinator_before_starting_workers()
    {
        var dependsOn = ComposeFile.Map(Compose.Service(DeployContract.Worker), "depends_on");
        ComposeFile.Map(dependsOn, DeployContract.Coordinator)["condition"].Should().Be("service_healthy");
    }

    private const string SecretName = "troupe_secret";

    /// <summary>What a role's container gets: compose's environment, the image's ENV and what the entrypoint exports (TROUPE_SECRET from the secret).</summary>
    private static HashSet<string> Available(string role)
    {
        var set = new HashSet<string>();
        foreach (var (k, v) in Compose.Environment(role))
            if (ComposeFile.Resolve(v).Length > 0) set.Add(k);
        foreach (var env in Dockerfile.Parse(Repo.Read("deploy/Dockerfile")).Runtime.All("ENV"))
            foreach (Match m in Regex.Matches(env.Arguments, @"(TROUPE_[A-Z0-9_]+)=\S+")) set.Add(m.Groups[1].Value);
        foreach (Match m in Regex.Matches(Repo.Read("deploy/docker-entrypoint.sh"), @"export\s+(TROUPE_[A-Z0-9_]+)")) set.Add(m.Groups[1].Value);
        return set;
    }
}
