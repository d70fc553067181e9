using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

public sealed class LabeledTextsSpecs
{
    [Fact]
    public void Imdb_sample_must_load_800_training_and_200_validation_reviews()
    {
        var texts = LabeledTexts.FromCsv(SharedFiles.Path("data", "imdb_sample", "texts.csv"));

        texts.TrainIndices.Should().HaveCount(800);
        texts.ValidIndices.Should().HaveCount(200);
        texts.Classes.Should().Equal("negative", "positive");
        texts.Texts[0].Should().StartWith("Un-bleeping-believable!");
    }

    [Theory]
    [InlineData("label,review,is_valid\npositive,great,False\n", "*expected columns label, text, is_valid*missing text*")]
    [InlineData("label,text,is_valid\npositive,great,False\nnegative,\"\",False\n", "*line 3: expected a non-empty text*")]
    [InlineData("label,text,is_valid\npositive,great,False\nnegative,bad,False\nmeh,\"so,\nso\",True\n", "*line 4: expected a label among the training labels (negative, positive), got 'meh'*")]
    [InlineData("label,text,is_valid\npositive,great,maybe\n", "*line 2: expected is_valid True or False, got 'maybe'*")]
    [InlineData("label,text,is_valid\npositive,\"unterminated,False\n", "*expected a closing quote for the field starting on line 2*")]
    public void Bad_csv_must_name_the_row_and_what_was_expected(string csv, string message)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("texts.csv"), csv);

        var act = () => LabeledTexts.FromCsv(folder.File("texts.csv"));

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Theory]
    [InlineData(0.1, 100)]
    [InlineData(0.25, 250)]
    [InlineData(0.0001, 1)]
    public void Random_split_must_partition_every_row_the_same_way_every_time(double validPct, int expectedValid)
    {
        var texts = LabeledTexts.FromCsv(SharedFiles.Path("data", "imdb_sample", "texts.csv"));

        var (train, valid) = texts.RandomSplit(validPct);

        valid.Should().HaveCount(expectedValid).And.BeInAscendingOrder();
        train.Concat(valid).Order().Should().Equal(Enumerable.Range(0, 1000));
        texts.RandomSplit(validPct).Valid.Should().Equal(valid);
        if (expectedValid >= 100) valid.Should().Contain(i => texts.IsValid[i]).And.Contain(i => !texts.IsValid[i], "a random split ignores is_valid");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Random_split_must_refuse_a_fraction_outside_0_1(double validPct)
    {
        var texts = LabeledTexts.FromCsv(SharedFiles.Path("data", "imdb_sample", "texts.csv"));

        var act = () => texts.RandomSplit(validPct);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("LabeledTexts: expected valid_pct in (0, 1), got *");
    }
}
