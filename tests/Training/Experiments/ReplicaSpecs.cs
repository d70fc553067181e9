using Troupe.Training.Experiments;
using Troupe.Training.Models;

namespace Troupe.Training.Tests.Experiments;

/// <summary>resources.replicas at spec validation: replicas split the rows of every batch, so they must divide it.</summary>
public sealed class ReplicaSpecs
{
    private static readonly ExperimentSpecReader Reader = new(ModelRegistry.Names);

    [Theory]
    [InlineData("3", "3")]
    [InlineData("2..5", "5")]
    [InlineData("3..5", "3 and 5")]
    public void ExperimentSpecReader_must_refuse_replica_counts_that_do_not_divide_the_batch_size(string replicas, string bad)
    {
        var call = () => Reader.Parse(Spec(batchSize: 64, replicas), "dp.yaml");

        call.Should().Throw<SpecException>()
            .WithMessage($"*dp.yaml:*resources.replicas: expected replica counts that divide train.batch_size (64), got {bad}*");
    }

    [Theory]
    [InlineData("2", 2, 2)]
    [InlineData("4", 4, 4)]
    [InlineData("2..4", 2, 4)]
    public void ExperimentSpecReader_must_accept_replica_counts_that_divide_the_batch_size(string replicas, int min, int max)
    {
        var spec = Reader.Parse(Spec(batchSize: 64, replicas));

        spec.Resources.Replicas.Should().Be(new ReplicaRange(min, max));
        spec.Resources.Replicas.UsableCounts(64).Should().OnlyContain(n => 64 % n == 0);
    }

    private static string Spec(int batchSize, string replicas) => $$"""
        name: dp
        data: { kind: human-numbers }
        model: lmmodel6
        train: { epochs: 3, batch_size: {{batchSize}}, seq_len: 16 }
        resources: { replicas: "{{replicas}}", slots_per_replica: 1 }
        """;
}
