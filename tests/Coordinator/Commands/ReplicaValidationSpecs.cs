using Troupe.Coordinator.Commands;
using Troupe.Coordinator.Tests.Support;

namespace Troupe.Coordinator.Tests.Commands;

public sealed class ReplicaValidationSpecs
{
    private static Action Check(string resources, int batchSize, (int, int)? cluster, string model = "lmmodel6") => () => ReplicaValidation.Check(
        SweepSpecsBase.ParseSpec($"name: v\ndata: {{ kind: human-numbers }}\nmodel: {model}\ntrain: {{ epochs: 1, batch_size: {batchSize}, seq_len: 16 }}\nresources: {resources}\n"),
        cluster);

    [Theory]
    [InlineData("{ replicas: 2 }", 64, 2, 1)]
    [InlineData("{ replicas: 4, slots_per_replica: 1 }", 64, 2, 2)]
    [InlineData("{ replicas: 2..4 }", 64, 2, 1)]
    [InlineData("{ replicas: 3..4 }", 60, 3, 1)]
    [InlineData("{ replicas: 2, slots_per_replica: 2 }", 64, 2, 2)]
    [InlineData("{ slots_per_trial: 4 }", 64, 1, 1)]
    public void Check_must_accept_replica_counts_that_divide_the_batch_and_fit_the_local_workers(string resources, int bs, int workers, int slots) =>
        Check(resources, bs, (workers, slots)).Should().NotThrow();

    [Theory]
    [InlineData("{ replicas: 4 }", 64, 1, "test.yaml: resources.replicas: expected at most 2 replicas of 1 slot (--local-workers 2 with --slots 1 each), got 4")]
    [InlineData("{ replicas: 3..4 }", 60, 1, "test.yaml: resources.replicas: expected at most 2 replicas of 1 slot (--local-workers 2 with --slots 1 each), got 3..4")]
    [InlineData("{ replicas: 2, slots_per_replica: 2 }", 64, 1, "test.yaml: resources.replicas: expected at most 0 replicas of 2 slots (--local-workers 2 with --slots 1 each), got 2")]
    public void Check_must_refuse_what_the_cluster_or_the_batch_cannot_hold_with_expected_and_actual(string resources, int bs, int? slots, string message) =>
        Check(resources, bs, slots is { } s ? (2, s) : null).Should().Throw<ArgumentException>().WithMessage(message);

    [Theory]
    [InlineData("{ replicas: 3 }", "3")]
    [InlineData("{ replicas: 3..4 }", "3")]
    [InlineData("{ replicas: 2..5 }", "5")]
    public void Spec_reading_must_refuse_a_replica_range_whose_ends_do_not_divide_the_batch_size(string resources, string bad) =>
        Check(resources, 64, null).Should().Throw<Training.Experiments.SpecException>()
            .WithMessage($"*test.yaml:*resources.replicas: expected replica counts that divide train.batch_size (64), got {bad}*");

    [Fact]
    public void Check_must_refuse_cuda_for_local_workers_where_libtorch_sees_no_gpu()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // local workers offer cuda slots on a GPU machine

        Check("{ slots_per_trial: 1, device: cuda }", 64, (2, 1)).Should().Throw<ArgumentException>()
            .WithMessage("test.yaml: resources.device: expected cpu on this machine (--local-workers offer cpu slots: *), got cuda");
        Check("{ slots_per_trial: 1, device: cuda }", 64, null).Should().NotThrow("workers that join later may offer cuda slots");
    }

    [Fact]
    public void Check_must_refuse_replicas_of_the_noop_model() =>
        Check("{ replicas: 2 }", 64, null, model: "noop").Should().Throw<ArgumentException>()
            .WithMessage("test.yaml: resources.replicas: expected 1 for the noop model (it has no gradients to share), got 2");

    // A replica's session trains these as 1 replica does (LearnerSessionSpecs compares them).
    [Theory]
    [InlineData("model: awd_lstm\ndata: { kind: human-numbers }\ninit_from: runs/x/best/lm", "")]
    [InlineData("model: awd_lstm\ndata: { kind: human-numbers }", ", unfreeze: gradual")]
    [InlineData("model: awd_lstm_clas\ndata: { kind: csv, path: t.csv }", "")]
    [InlineData("model: awd_lstm_clas\ndata: { kind: csv, path: t.csv }\ninit_from: runs/x/best/encoder", ", unfreeze: gradual")]
    public void Check_must_accept_replicas_of_init_from_gradual_unfreezing_and_classifiers(string head, string train)
    {
        var yaml = $"name: v\n{head}\ntrain: {{ epochs: 4, batch_size: 64, seq_len: 16{train} }}\nresources: {{ replicas: 2 }}\n";

        FluentActions.Invoking(() => ReplicaValidation.Check(SweepSpecsBase.ParseSpec(yaml), (2, 1))).Should().NotThrow();
    }

    [Fact]
    public void Check_must_not_bound_the_replicas_of_a_cluster_that_workers_may_still_join() =>
        Check("{ replicas: 16 }", 64, null).Should().NotThrow();
}
