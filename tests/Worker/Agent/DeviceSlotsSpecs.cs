using Troupe.Training.Tuning;
using Troupe.Worker.Agent;

namespace Troupe.Worker.Tests.Agent;

public sealed class DeviceSlotsSpecs
{
    [Fact]
    public void DeviceSlots_must_give_every_attempt_the_cpu_on_a_cpu_worker()
    {
        var slots = new DeviceSlots(DeviceKind.Cpu, 2);

        new[] { "a", "b", "c" }.Select(slots.Take).Should().Equal("cpu", "cpu", "cpu");
    }

    [Fact]
    public void DeviceSlots_must_give_each_attempt_its_own_gpu_and_reuse_a_freed_one()
    {
        var slots = new DeviceSlots(DeviceKind.Cuda, 2);

        slots.Take("t1.1").Should().Be("cuda:0");
        slots.Take("t2.1").Should().Be("cuda:1");
        slots.Take("t3.1").Should().BeNull("both GPUs are held");
        slots.Take("t1.1").Should().Be("cuda:0", "an attempt asking again keeps its GPU");

        slots.Free("t1.1");

        slots.Take("t3.1").Should().Be("cuda:0");
    }

    [Fact]
    public void DeviceSlots_must_refuse_fewer_than_one_slot() =>
        ((Action)(() => _ = new DeviceSlots(DeviceKind.Cuda, 0))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("DeviceSlots: expected at least 1 slot, got 0*");

    [Fact]
    public void WorkerSettings_must_refuse_cuda_slots_where_libtorch_sees_no_gpu()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // a machine with a GPU offers cuda slots: nothing to refuse there

        var call = () => WorkerSettings.Create("w1", 1, DeviceKind.Cuda);

        call.Should().Throw<ArgumentException>().WithMessage("worker: expected a GPU for cuda slots, got none*");
    }
}
