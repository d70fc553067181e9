using Troupe.Training.Experiments;
using Troupe.Training.Models;
using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

/// <summary>Device as a resource: a trial asks for cpu or cuda slots (resources.device) and lands only on slots of that kind.</summary>
public sealed class DevicePlacementSpecs
{
    private static readonly ExperimentSpecReader Reader = new(ModelRegistry.Names);

    [Theory]
    [InlineData(DeviceKind.Cpu, "cpu-worker")]
    [InlineData(DeviceKind.Cuda, "gpu-worker")]
    public void SlotPlacement_must_place_a_trial_only_on_slots_of_the_kind_it_asks_for(DeviceKind device, string expected)
    {
        var p = new SlotPlacement();
        p.AdvertiseWorker("cpu-worker", 8, DeviceKind.Cpu);
        p.AdvertiseWorker("gpu-worker", 1, DeviceKind.Cuda);

        var placed = p.TryPlace(new PlacementRequest("t0", device: device))!;

        placed.Replicas.Single().WorkerId.Should().Be(expected);
    }

    [Fact]
    public void SlotPlacement_must_never_fit_a_cuda_trial_on_a_cpu_only_cluster_and_say_which_kinds_it_offers()
    {
        var p = new SlotPlacement();
        p.AdvertiseWorker("w1", 16);

        var request = new PlacementRequest("t0", device: DeviceKind.Cuda);

        p.TryPlace(request).Should().BeNull();
        p.CanEverFit(request).Should().BeFalse("no worker offers a cuda slot, however many cpu slots are free");
        p.DevicesOffered.Should().Equal(DeviceKind.Cpu);
        p.FreeSlots.Should().Be(16, "nothing was reserved");
    }

    [Fact]
    public void SlotPlacement_must_move_a_worker_to_its_newly_advertised_kind()
    {
        var p = new SlotPlacement();
        p.AdvertiseWorker("w1", 2, DeviceKind.Cpu);
        p.AdvertiseWorker("w1", 2, DeviceKind.Cuda);

        p.TryPlace(new PlacementRequest("t0")).Should().BeNull("w1 now offers cuda slots only");
        p.TryPlace(new PlacementRequest("t1", device: DeviceKind.Cuda)).Should().NotBeNull();
    }

    [Theory]
    [InlineData("", DeviceKind.Cpu)]
    [InlineData(", device: cpu", DeviceKind.Cpu)]
    [InlineData(", device: cuda", DeviceKind.Cuda)]
    public void ExperimentSpecReader_must_read_resources_device_cpu_by_default(string field, DeviceKind expected)
    {
        var spec = Reader.Parse(Spec($"{{ slots_per_trial: 1{field} }}"));

        spec.Resources.Device.Should().Be(expected);
        spec.Resources.Request("t0").Device.Should().Be(expected);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:0")]
    [InlineData("[cuda]")]
    public void ExperimentSpecReader_must_refuse_a_device_other_than_cpu_or_cuda(string device)
    {
        var call = () => Reader.Parse(Spec($"{{ replicas: 1, device: {device} }}"), "d.yaml");

        call.Should().Throw<SpecException>().WithMessage("*d.yaml:*resources.device: expected cpu or cuda, got*");
    }

    private static string Spec(string resources) => $"""
        name: d
        data: {"{"} kind: human-numbers {"}"}
        model: lmmodel4
        train: {"{"} epochs: 1, batch_size: 64, seq_len: 16 {"}"}
        resources: {resources}
        """;
}
