using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class HumanNumbersSpecs
{
    private static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(SharedFiles.Path("fixtures", "human_numbers.json"))).RootElement);

    private static readonly Lazy<HumanNumbersCorpus> Corpus = new(HumanNumbers.Load);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Generated_files_must_match_the_fixture_byte_for_byte()
    {
        var f = Fixture.Value;
        var train = HumanNumbers.TrainText();
        var valid = HumanNumbers.ValidText();

        Sha256(train).Should().Be(f.GetProperty("train_sha256").GetString());
        Sha256(valid).Should().Be(f.GetProperty("valid_sha256").GetString());
        Encoding.UTF8.GetByteCount(train).Should().Be(f.GetProperty("train_bytes").GetInt32());
        Encoding.UTF8.GetByteCount(valid).Should().Be(f.GetProperty("valid_bytes").GetInt32());
        train.Count(c => c == '\n').Should().Be(f.GetProperty("train_lines").GetInt32());
        valid.Count(c => c == '\n').Should().Be(f.GetProperty("valid_lines").GetInt32());
    }

    [Fact]
    public void Generated_files_must_start_and_end_like_fastai_and_leave_out_8000()
    {
        var f = Fixture.Value;
        var corpus = Corpus.Value;
        var trainLines = corpus.Lines.Take(corpus.TrainLineCount).ToArray();
        var validLines = corpus.Lines.Skip(corpus.TrainLineCount).ToArray();

        trainLines.Take(3).Should().Equal(f.GetProperty("first_train_lines").EnumerateArray().Select(e => e.GetString()));
        validLines.Take(2).Should().Equal(f.GetProperty("first_valid_lines").EnumerateArray().Select(e => e.GetString()));
        validLines[^1].Should().Be(f.GetProperty("last_valid_line").GetString());
        corpus.Lines.Should().NotContain("eight thousand \n");
        trainLines[^1].Should().Be("seven thousand nine hundred ninety nine \n");
    }

    [Fact]
    public void Book_pipeline_must_give_the_fixture_tokens_vocab_and_ids()
    {
        var f = Fixture.Value;
        var corpus = Corpus.Value;

        corpus.Text[..100].Should().Be(f.GetProperty("joined_text_first_100_chars").GetString());
        corpus.Tokens.Should().HaveCount(f.GetProperty("token_count").GetInt32()).And.HaveCount(63095);
        corpus.Vocab.Itos.Should().Equal(f.GetProperty("vocab").EnumerateArray().Select(e => e.GetString()));
        corpus.Vocab.Count.Should().Be(30);
        corpus.Nums.Take(10).Should().Equal(f.GetProperty("nums_first_10").EnumerateArray().Select(e => e.GetInt64()));
        corpus.Vocab.Textify(corpus.Nums.Take(5)).Should().Be("one . two . three");
    }

    [Fact]
    public void Book_sequences_must_have_the_fixture_counts_and_the_80_20_cut()
    {
        var f = Fixture.Value;
        var three = Corpus.Value.ThreeWordSequences();
        var sl16 = Corpus.Value.Sequences(16);

        three.Count.Should().Be(f.GetProperty("three_word_sequences").GetInt32()).And.Be(21031);
        sl16.Count.Should().Be(f.GetProperty("sl16_sequences").GetInt32()).And.Be(3943);
        three.BookCut().Should().Be(16824);
        sl16.BookCut().Should().Be(3154);
        (three.Count / 64).Should().Be(328, "the book's m = len(seqs)//bs");
    }

    [Fact]
    public void Book_sequences_must_hold_the_books_first_samples()
    {
        var three = Corpus.Value.ThreeWordSequences();
        three.X(0).ToArray().Should().Equal(0, 1, 2);
        three.Y(0).ToArray().Should().Equal(1);
        three.X(1).ToArray().Should().Equal(1, 3, 1);
        three.Y(1).ToArray().Should().Equal(4);

        var sl16 = Corpus.Value.Sequences(16);
        var vocab = Corpus.Value.Vocab;
        vocab.Decode(sl16.X(0).ToArray()).Take(10).Should().Equal("one", ".", "two", ".", "three", ".", "four", ".", "five", ".");
        vocab.Decode(sl16.Y(0).ToArray()).Take(10).Should().Equal(".", "two", ".", "three", ".", "four", ".", "five", ".", "six");
    }

    [Fact]
    public void Most_common_valid_target_must_be_thousand_at_0_1517()
    {
        var f = Fixture.Value.GetProperty("baseline_valid_most_common_target");
        var baseline = Corpus.Value.ValidBaseline();

        baseline.Token.Should().Be(f.GetProperty("token").GetString()).And.Be("thousand");
        baseline.Index.Should().Be(f.GetProperty("index").GetInt64());
        baseline.Total.Should().Be(4207);
        baseline.Count.Should().Be(638);
        baseline.Fraction.Should().BeApproximately(f.GetProperty("fraction").GetDouble(), 1e-15);
        Math.Round(baseline.Fraction, 4).Should().Be(0.1517);
    }

    [Fact]
    public void Three_word_loaders_must_drop_the_last_training_batch_but_keep_every_validation_sample()
    {
        var dls = Corpus.Value.ThreeWordLoaders();
        var train = dls.Train.Batches().ToList();
        var valid = dls.Valid.Batches().ToList();

        dls.Train.BatchCount.Should().Be(262).And.Be(train.Count);
        train.Should().OnlyContain(b => b.Rows == 64 && b.SeqLen == 3 && !b.HasSequenceTargets);
        dls.Valid.BatchCount.Should().Be(66).And.Be(valid.Count);
        valid[^1].Rows.Should().Be(4207 - 65 * 64);
        valid.Sum(b => b.TargetCount).Should().Be(4207);
        train[0].X.Take(6).Should().Equal(0, 1, 2, 1, 3, 1);
    }

    [Fact]
    public void Grouped_loaders_must_keep_every_row_a_contiguous_stream()
    {
        var corpus = Corpus.Value;
        var three = corpus.GroupedThreeWordLoaders();
        three.Train.BatchCount.Should().Be(262);
        three.Valid.BatchCount.Should().Be(4207 / 64);
        AssertRowsContinue(three.Train.Batches().ToList(), b => b.Y, 1);

        var sl16 = corpus.GroupedSequenceLoaders(16);
        sl16.Train.BatchCount.Should().Be(3154 / 64);
        sl16.Valid.BatchCount.Should().Be((3943 - 3154) / 64);
        var batches = sl16.Train.Batches().ToList();
        batches.Should().OnlyContain(b => b.Rows == 64 && b.SeqLen == 16 && b.HasSequenceTargets);
        AssertRowsContinue(batches, b => b.Y, 16);
    }

    [Fact]
    public void Grouped_loaders_must_put_sample_i_plus_m_j_in_row_j_of_batch_i()
    {
        var seqs = Corpus.Value.Sequences(16);
        var train = seqs.Slice(0, seqs.BookCut());
        var m = train.Count / 64;
        var batches = Corpus.Value.GroupedSequenceLoaders(16).Train.Batches().ToList();

        foreach (var (i, j) in new[] { (0, 0), (0, 63), (5, 17), (m - 1, 63) })
            batches[i].X.AsSpan(j * 16, 16).ToArray().Should().Equal(train.X(i + m * j).ToArray());
    }

    [Fact]
    public void Load_from_a_folder_must_equal_the_generated_corpus()
    {
        using var folder = new TempFolder();
        HumanNumbers.WriteFiles(folder.Path);

        var loaded = HumanNumbers.Load(folder.Path);

        loaded.Nums.Should().Equal(Corpus.Value.Nums);
        loaded.Vocab.Itos.Should().Equal(Corpus.Value.Vocab.Itos);
        loaded.TrainLineCount.Should().Be(7999);
        loaded.ValidLineCount.Should().Be(1999);
    }

    [Fact]
    public void Load_must_name_a_missing_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "troupe-no-such-" + Guid.NewGuid().ToString("N"));

        var act = () => HumanNumbers.Load(missing);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"*expected a folder with train.txt and valid.txt*{missing}*");
    }

    [Fact]
    public void Load_must_name_a_missing_file()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("train.txt"), HumanNumbers.TrainText());

        var act = () => HumanNumbers.Load(folder.Path);

        act.Should().Throw<FileNotFoundException>().WithMessage("*expected valid.txt*got no such file*");
    }

    [Fact]
    public void Load_must_reject_an_empty_file()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("train.txt"), HumanNumbers.TrainText());
        File.WriteAllText(folder.File("valid.txt"), "");

        var act = () => HumanNumbers.Load(folder.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*valid.txt*empty*");
    }

    [Theory]
    [InlineData(1, "one")]
    [InlineData(15, "fifteen")]
    [InlineData(40, "forty")]
    [InlineData(101, "one hundred one")]
    [InlineData(1000, "one thousand")]
    [InlineData(8001, "eight thousand one")]
    [InlineData(9999, "nine thousand nine hundred ninety nine")]
    public void Number_words_must_spell_like_fastai(int n, string words) => NumberWords.ToWords(n).Should().Be(words);

    // Row r of batch k+1 must start where row r of batch k's targets ended.
    private static void AssertRowsContinue(List<TextBatch> batches, Func<TextBatch, long[]> targets, int yCols)
    {
        var breaks = new List<string>();
        for (var k = 0; k + 1 < batches.Count; k++)
        {
            var cur = batches[k];
            var next = batches[k + 1];
            for (var r = 0; r < cur.Rows; r++)
                if (next.X[r * next.SeqLen] != targets(cur)[r * yCols + yCols - 1]) breaks.Add($"row {r} between batches {k} and {k + 1}");
        }
        breaks.Should().BeEmpty();
    }
}
