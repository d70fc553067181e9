using Troupe.Training.Experiments;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;

namespace Troupe.Training.Tests.Experiments;

/// <summary>Bad data is refused before anything trains, with what was expected and what came.</summary>
public sealed class TrainingDataSpecs
{
    [Fact]
    public void Missing_folder_must_be_named()
    {
        var act = () => TrainingData.Load(new DataSpec(DataKind.HumanNumbers, "/no/such/folder"), DataLayout.Sequence, 64, 16);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*expected a folder with train.txt and valid.txt*/no/such/folder*");
    }

    [Fact]
    public void Empty_corpus_must_be_refused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "train.txt"), "");
        File.WriteAllText(Path.Combine(folder.Path, "valid.txt"), "");

        var act = () => TrainingData.Load(new DataSpec(DataKind.Text, folder.Path), DataLayout.Sequence, 4, 8);

        act.Should().Throw<InvalidDataException>().WithMessage("*expected*");
    }

    [Fact]
    public void Seq_len_longer_than_a_row_stream_must_be_refused()
    {
        var wikitext = SharedFiles.Path("data", "wikitext-2");

        var act = () => TrainingData.Load(new DataSpec(DataKind.WikiText2, wikitext), DataLayout.Sequence, 64, 1_000_000);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected seq_len <= the per-row stream length*got seq_len 1000000*");
    }

    [Fact]
    public void Real_corpora_must_need_a_sequence_model()
    {
        var act = () => TrainingData.Load(new DataSpec(DataKind.WikiText2, SharedFiles.Path("data", "wikitext-2")), DataLayout.ThreeWord, 64, 16);

        act.Should().Throw<ArgumentException>().WithMessage("*needs a sequence model*");
    }

    [Fact]
    public void Character_text_must_hold_out_the_last_tenth_of_lines()
    {
        var dls = TrainingData.Load(new DataSpec(DataKind.Text, SharedFiles.Path("data", "tinyshakespeare", "input.txt"), TokenizerKind.Char), DataLayout.Sequence, 16, 64);

        dls.Vocab.Contains("e").Should().BeTrue();
        dls.Train.BatchCount.Should().BeGreaterThan(dls.Valid.BatchCount * 5);
    }

    [Fact]
    public void Valid_pct_must_hold_out_a_tenth_of_all_imdb_texts_for_a_language_model()
    {
        var csv = SharedFiles.Path("data", "imdb_sample", "texts.csv");
        var byFlag = TrainingData.Load(new DataSpec(DataKind.Csv, csv), DataLayout.Sequence, 16, 70);
        var random = TrainingData.Load(new DataSpec(DataKind.Csv, csv, ValidPct: 0.1), DataLayout.Sequence, 16, 70);

        // 900 of 1,000 texts train instead of 800: more training tokens, fewer validating (each epoch's batch counts show it).
        random.Train.BatchCount.Should().BeGreaterThan(byFlag.Train.BatchCount);
        random.Valid.BatchCount.Should().BeLessThan(byFlag.Valid.BatchCount);
    }

    [Fact]
    public void Valid_pct_must_be_refused_for_a_classifier()
    {
        var act = () => TrainingData.CheckLayout(new DataSpec(DataKind.Csv, "texts.csv", ValidPct: 0.1), DataLayout.Labeled);

        act.Should().Throw<ArgumentException>().WithMessage("data.valid_pct: a classifier validates on the is_valid rows*got valid_pct 0.1 for a classifier");
    }
}
