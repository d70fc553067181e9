using Troupe.Training.Learning;
using Troupe.Worker.Tests.Support;
using Troupe.Worker.Trials;

namespace Troupe.Worker.Tests.Trials;

public sealed class NoopSessionSpecs
{
    private static Protocol.TrialAssignment Noop(double checkpointMb) =>
        TestTrials.Assignment("noop", new Dictionary<string, double> { ["seconds"] = 0, ["checkpoint_mb"] = checkpointMb }, epochs: 3);

    [Fact]
    public void Noop_session_must_pad_its_checkpoint_to_checkpoint_mb_and_resume_from_it()
    {
        byte[] checkpoint;
        using (var first = NoopSession.Open(Noop(2), null))
        {
            while (first.Step().Kind != StepKind.EpochEnd) { }
            checkpoint = first.Checkpoint();
        }

        checkpoint.Length.Should().Be(12 + 2 * 1024 * 1024);
        using var resumed = NoopSession.Open(Noop(2), checkpoint);
        resumed.StartEpoch.Should().Be(1);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0.5)]
    [InlineData(2048)]
    public void Noop_session_must_refuse_a_checkpoint_mb_that_is_not_a_whole_number_of_MiB_up_to_1024(double mb) =>
        FluentActions.Invoking(() => NoopSession.Open(Noop(mb), null)).Should().Throw<ArgumentException>()
            .WithMessage($"noop: expected checkpoint_mb a whole number in 0..1024, got {mb}");

    [Fact]
    public void Noop_session_must_refuse_a_checkpoint_of_another_size()
    {
        using var small = NoopSession.Open(Noop(0), null);
        var checkpoint = small.Checkpoint();

        FluentActions.Invoking(() => NoopSession.Open(Noop(1), checkpoint)).Should().Throw<InvalidDataException>()
            .WithMessage($"noop: expected a {12 + 1024 * 1024}-byte noop checkpoint, got 12 bytes that are not one");
    }
}
