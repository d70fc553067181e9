using TorchSharp;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Learning;

public sealed class GenerationSpecs
{
    private static readonly Lazy<HumanNumbersCorpus> Corpus = new(HumanNumbers.Load);

    [Fact]
    public void Greedy_generation_must_be_repeatable_and_equal_top_k_1()
    {
        using var model = NewModel();
        long[] prompt = [.. Corpus.Value.Vocab.Numericalize(["one", "thousand"])];

        var a = TextGenerator.Generate(model, prompt, 12);
        var b = TextGenerator.Generate(model, prompt, 12);
        var topOne = TextGenerator.Generate(model, prompt, 12, new SamplingOptions(Temperature: 1, TopK: 1, Seed: 5));

        a.Should().HaveCount(14).And.StartWith(prompt);
        b.Should().Equal(a);
        topOne.Should().Equal(a);
    }

    [Fact]
    public void Sampling_must_depend_on_the_seed_only()
    {
        using var model = NewModel();
        long[] prompt = [.. Corpus.Value.Vocab.Numericalize(["two"])];

        var a = TextGenerator.Generate(model, prompt, 30, new SamplingOptions(Temperature: 1.5, Seed: 3));
        var b = TextGenerator.Generate(model, prompt, 30, new SamplingOptions(Temperature: 1.5, Seed: 3));
        var c = TextGenerator.Generate(model, prompt, 30, new SamplingOptions(Temperature: 1.5, Seed: 4));

        b.Should().Equal(a);
        c.Should().NotEqual(a);
    }

    [Fact]
    public void Stateful_generation_must_match_rereading_the_whole_text()
    {
        using var model = NewModel();
        long[] prompt = [.. Corpus.Value.Vocab.Numericalize(["one", "hundred", "."])];
        var ids = TextGenerator.Generate(model, prompt, 6);

        // Re-read everything but the last id from zeros: its argmax must be the last id.
        model.eval();
        model.Reset();
        using var guard = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var logits = model.forward(torch.tensor(ids[..^1], [1, ids.Length - 1])).Output;
        logits.select(1, -1).argmax(-1).item<long>().Should().Be(ids[^1]);
    }

    [Theory]
    [InlineData(-1.0, null)]
    [InlineData(1.0, 0)]
    public void Sampling_must_refuse_bad_options(double temperature, int? topK)
    {
        using var model = NewModel();

        var act = () => TextGenerator.Generate(model, [1], 3, new SamplingOptions(temperature, topK));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("sampling: expected*");
    }

    [Fact]
    public void Fixed_context_models_must_need_a_full_prompt()
    {
        torch.manual_seed(0);
        using var model = new LMModel1(Corpus.Value.Vocab.Count, 16);

        var act = () => TextGenerator.Generate(model, [1, 2], 3);

        act.Should().Throw<ArgumentException>().WithMessage("*at least 3 tokens*");
    }

    private static LMModel7 NewModel()
    {
        torch.manual_seed(1);
        return new LMModel7(Corpus.Value.Vocab.Count, 32, 2, 0.3);
    }
}
