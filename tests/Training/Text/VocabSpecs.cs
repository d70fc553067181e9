using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class VocabSpecs
{
    private static string[] Words(string text) => text.Split(' ');

    [Fact]
    public void Build_must_put_special_tokens_first_then_tokens_by_frequency_with_ties_in_first_seen_order()
    {
        var docs = new[] { Words("b a c a b a d"), Words("c e c") };

        var vocab = Vocab.Build(docs, minFreq: 1);

        vocab.Itos.Take(9).Should().Equal(SpecialTokens.All);
        // counts: a 3, c 3, b 2, d 1, e 1; a was seen before c, d before e.
        vocab.Itos.Skip(9).Take(5).Should().Equal("a", "c", "b", "d", "e");
    }

    [Fact]
    public void Build_must_drop_tokens_under_min_freq()
    {
        var vocab = Vocab.Build([Words("a a a b b c")], minFreq: 2);

        vocab.Contains("a").Should().BeTrue();
        vocab.Contains("b").Should().BeTrue();
        vocab.Contains("c").Should().BeFalse();
    }

    [Fact]
    public void Build_must_keep_max_vocab_entries_counting_the_special_tokens()
    {
        var vocab = Vocab.Build([Words("a a a a b b b c c d")], minFreq: 1, maxVocab: 11);

        vocab.Itos.Where(t => t != SpecialTokens.Fake).Should().Equal([.. SpecialTokens.All, "a", "b"]);
    }

    [Theory]
    [InlineData(1, 16)] // 9 specials + 1 token = 10 -> padded to 16
    [InlineData(7, 24)] // 16 -> fastai still adds 8 (range(0, 8 - 16 % 8))
    [InlineData(8, 24)] // 17 -> 24
    public void Build_must_pad_with_xxfake_like_fastai(int distinct, int expectedCount)
    {
        var tokens = Enumerable.Range(0, distinct).Select(i => $"w{i}");

        var vocab = Vocab.Build([tokens], minFreq: 1);

        vocab.Count.Should().Be(expectedCount);
        vocab.Itos.Skip(9 + distinct).Should().OnlyContain(t => t == SpecialTokens.Fake);
    }

    [Fact]
    public void Build_must_move_a_special_token_found_in_the_text_to_its_place()
    {
        var vocab = Vocab.Build([Words("xxmaj the xxmaj the xxbos the")], minFreq: 1);

        vocab.Itos.Take(10).Should().Equal([.. SpecialTokens.All, "the"]);
    }

    [Fact]
    public void Numericalize_must_map_unknown_tokens_to_xxunk_and_decode_back()
    {
        var vocab = Vocab.Build([Words("the worst movie the")], minFreq: 1);

        var ids = vocab.Numericalize(Words("xxbos the hands movie"));

        ids.Should().Equal(2, 9, 0, 11);
        vocab.Textify(ids).Should().Be("xxbos the xxunk movie");
        vocab.IndexOf(SpecialTokens.Fake).Should().Be(0, "xxfake is never looked up");
    }

    [Fact]
    public void First_appearance_vocab_must_reject_unknown_tokens()
    {
        var vocab = Vocab.FromFirstAppearance(Words("one . two . three"));

        vocab.Itos.Should().Equal("one", ".", "two", "three");
        vocab.UnknownIndex.Should().BeNull();
        var act = () => vocab.IndexOf("four");
        act.Should().Throw<ArgumentException>().WithMessage("*'four' is not in this 4-token vocab*");
    }

    [Fact]
    public void Itos_must_round_trip_with_its_fillers()
    {
        var vocab = Vocab.Build([Words("a b c")], minFreq: 1);

        var restored = Vocab.FromItos(vocab.Itos);

        restored.Itos.Should().Equal(vocab.Itos);
        restored.IndexOf("c").Should().Be(vocab.IndexOf("c"));
        var dup = () => Vocab.FromItos(["a", "b", "a"]);
        dup.Should().Throw<InvalidDataException>().WithMessage("*expected distinct tokens, got 'a' at 0 and 2*");
    }

    [Fact]
    public void Decode_must_reject_ids_outside_the_vocab()
    {
        var vocab = Vocab.FromFirstAppearance(["a", "b"]);

        var act = () => vocab.Decode([0, 2]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected an id in [0, 2), got 2*");
    }
}
