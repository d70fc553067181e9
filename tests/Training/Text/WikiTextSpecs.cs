using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class WikiTextSpecs
{
    private static readonly string ValidFile = SharedFiles.Path("data", "wikitext-2", "valid.txt");
    private static readonly string TestFile = SharedFiles.Path("data", "wikitext-2", "test.txt");

    [Theory]
    [InlineData("valid.txt", 60, 217646, "Homarus gammarus")]
    [InlineData("test.txt", 60, 245569, "Robert <unk>")]
    public void Documents_must_be_the_articles_with_the_published_token_counts(string file, int articles, int tokens, string firstTitle)
    {
        var docs = WikiText.ReadDocuments(SharedFiles.Path("data", "wikitext-2", file));

        docs.Should().HaveCount(articles);
        docs[0].Title.Should().Be(firstTitle);
        docs.Sum(d => WikiText.Tokenize(d).Length).Should().Be(tokens, "WikiText-2's published count, one end-of-line token per line");
    }

    [Fact]
    public void Formula_lines_that_look_like_headings_must_stay_inside_their_article()
    {
        var docs = WikiText.ReadDocuments(TestFile);

        docs.Select(d => d.Title).Should().Contain("Constant k filter").And.NotContain("1 <unk> and <unk> C");
        docs.Single(d => d.Title == "Constant k filter").Text.Should().Contain(" = 1 <unk> and <unk> C = \n");
    }

    [Fact]
    public void Tokens_must_map_unk_to_xxunk_and_end_every_line_with_xxeos()
    {
        var text = File.ReadAllText(ValidFile);
        var tokens = WikiText.ReadDocuments(ValidFile).SelectMany(WikiText.Tokenize).ToArray();

        tokens.Count(t => t == SpecialTokens.Unk).Should().Be(CountOf(text, "<unk>"));
        tokens.Count(t => t == SpecialTokens.Eos).Should().Be(text.Count(c => c == '\n'));
        tokens.Take(8).Should().Equal(SpecialTokens.Eos, "=", "Homarus", "gammarus", "=", SpecialTokens.Eos, SpecialTokens.Eos, "Homarus");
    }

    [Fact]
    public void Data_loaders_must_build_a_fastai_vocab_from_the_training_file()
    {
        var dls = WikiText.DataLoaders(ValidFile, TestFile, new LMDataOptions(BatchSize: 16, SeqLen: 70, Seed: 1));

        dls.Vocab.Itos.Take(9).Should().Equal(SpecialTokens.All);
        dls.Vocab.Itos[9].Should().Be("the");
        var train = (LMDataLoader)dls.Train;
        train.Shuffle.Should().BeTrue();
        train.TotalTokens.Should().Be(217646);
        dls.Train.BatchCount.Should().Be(((217646 - 1) / 16 + 69) / 70);
        ((LMDataLoader)dls.Valid).Shuffle.Should().BeFalse();
        dls.Valid.Batches().First().XShape.Should().Equal(16, 70);
    }

    [Fact]
    public void Text_without_headings_must_be_one_untitled_article()
    {
        var docs = WikiText.ParseDocuments(" a b \n c \n");

        docs.Should().ContainSingle().Which.Title.Should().BeEmpty();
        WikiText.Tokenize(docs[0]).Should().Equal("a", "b", SpecialTokens.Eos, "c", SpecialTokens.Eos);
    }

    [Fact]
    public void Bad_input_must_be_named()
    {
        var missing = () => WikiText.ReadDocuments("/no/such/wiki.txt");
        var empty = () => WikiText.ParseDocuments(" \n \n", "empty.txt");

        missing.Should().Throw<FileNotFoundException>().WithMessage("*expected a tokens file at '/no/such/wiki.txt', got no such file*");
        empty.Should().Throw<InvalidDataException>().WithMessage("*expected articles in empty.txt, got no tokens*");
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
