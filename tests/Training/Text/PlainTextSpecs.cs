using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class PlainTextSpecs
{
    [Theory]
    [InlineData(DocumentSplit.File, 1)]
    [InlineData(DocumentSplit.Paragraph, 3)]
    [InlineData(DocumentSplit.Line, 5)]
    public void Split_must_cut_documents_at_files_paragraphs_or_lines(DocumentSplit split, int expected)
    {
        const string text = "First Citizen:\nBefore we proceed.\n\nAll:\nSpeak.\n\n\nEnd.\n";

        PlainText.SplitDocuments(text, split).Should().HaveCount(expected);
    }

    [Fact]
    public void A_folder_must_give_its_txt_files_in_path_order()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("sub"));
        File.WriteAllText(folder.File("b.txt"), "second");
        File.WriteAllText(folder.File("a.txt"), "first");
        File.WriteAllText(Path.Combine(folder.Path, "sub", "c.txt"), "third");
        File.WriteAllText(folder.File("notes.md"), "ignored");

        PlainText.ReadDocuments(folder.Path).Select(d => d.Text).Should().Equal("first", "second", "third");
    }

    [Fact]
    public void Character_level_loaders_must_cover_tiny_shakespeare()
    {
        var text = File.ReadAllText(SharedFiles.Path("data", "tinyshakespeare", "input.txt"));
        var cut = text.Length * 9 / 10;

        var dls = LanguageModelData.FromTexts([text[..cut]], [text[cut..]], Tokenizer.Characters, new LMDataOptions(BatchSize: 32, SeqLen: 100, MinFreq: 1));

        dls.Vocab.Itos.Skip(9).TakeWhile(t => t != SpecialTokens.Fake).Should().HaveCount(text.Distinct().Count());
        var x = dls.Valid.Batches().First();
        dls.Vocab.Textify(x.X.Take(20), separator: "").Should().Be(text.Substring(cut, 20));
    }

    [Fact]
    public void Word_level_loaders_must_tokenize_with_the_fastai_rules()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("train.txt"), string.Join("\n\n", Enumerable.Repeat("The movie was GREAT. I loved it!", 40)));
        File.WriteAllText(folder.File("valid.txt"), string.Join("\n\n", Enumerable.Repeat("The movie was bad. I hated it!", 10)));

        var dls = PlainText.DataLoaders(folder.File("train.txt"), folder.File("valid.txt"), DocumentSplit.Paragraph,
            options: new LMDataOptions(BatchSize: 4, SeqLen: 9, MinFreq: 2));

        dls.Vocab.Textify(dls.Train.Batches().First().X.Take(9)).Should().Be("xxbos xxmaj the movie was xxup great . i");
        dls.Vocab.Textify(dls.Valid.Batches().First().X.Take(8)).Should().Be("xxbos xxmaj the movie was xxunk . i");
    }

    [Fact]
    public void Bad_input_must_be_named()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("blank.txt"), " \n\n ");

        var missing = () => PlainText.ReadDocuments(folder.File("nope.txt"));
        var blank = () => PlainText.ReadDocuments(folder.Path);
        var emptyFolder = Directory.CreateDirectory(folder.File("empty")).FullName;
        var noTxt = () => PlainText.ReadDocuments(emptyFolder);

        missing.Should().Throw<FileNotFoundException>().WithMessage("*expected a text file or a folder of .txt files*got nothing there*");
        blank.Should().Throw<InvalidDataException>().WithMessage("*expected text in*got only empty or blank files*");
        noTxt.Should().Throw<InvalidDataException>().WithMessage("*expected .txt files under*got none*");
    }

    [Fact]
    public void Empty_splits_must_be_rejected_before_training()
    {
        var noTrain = () => LanguageModelData.FromTexts([], ["some text"]);
        var emptyValid = () => LanguageModelData.FromTokens([["a", "b"]], [[]]);

        noTrain.Should().Throw<InvalidDataException>().WithMessage("*expected training documents, got none*");
        emptyValid.Should().Throw<InvalidDataException>().WithMessage("*expected validation tokens, got 1 empty documents*");
    }

    [Fact]
    public void Seq_len_longer_than_the_validation_stream_must_be_rejected_before_training()
    {
        var act = () => LanguageModelData.FromTokens(
            [Enumerable.Repeat("w", 1000).ToArray()], [Enumerable.Repeat("w", 50).ToArray()],
            new LMDataOptions(BatchSize: 4, SeqLen: 20, MinFreq: 1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected seq_len <= the per-row stream length 12*got seq_len 20*");
    }
}
