using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

public sealed class ParamValueSpecs
{
    [Theory]
    [InlineData("64", ParamKind.Int, "64")]
    [InlineData("-3", ParamKind.Int, "-3")]
    [InlineData("0.1", ParamKind.Float, "0.1")]
    [InlineData("1e-3", ParamKind.Float, "0.001")]
    [InlineData("2.0", ParamKind.Float, "2.0")]
    [InlineData(".5", ParamKind.Float, "0.5")]
    [InlineData("true", ParamKind.Bool, "true")]
    [InlineData("adam", ParamKind.String, "adam")]
    [InlineData("NaN", ParamKind.String, "NaN")]
    [InlineData("1e400", ParamKind.String, "1e400")]
    public void Parse_must_read_spec_literals_by_kind(string literal, ParamKind kind, string text)
    {
        var value = ParamValue.Parse(literal);

        value.Kind.Should().Be(kind);
        value.ToString().Should().Be(text);
        ParamValue.Parse(value.ToString()).Should().Be(value);
    }

    [Fact]
    public void Equality_must_distinguish_kinds()
    {
        ParamValue.Of(1L).Should().NotBe(ParamValue.Of(1.0));
        ParamValue.Of("1").Should().NotBe(ParamValue.Of(1L));
        ParamValue.Of(0.5).Should().Be(ParamValue.Parse("0.5"));
    }

    [Fact]
    public void Accessors_must_convert_only_what_is_lossless()
    {
        ParamValue.Of(64L).AsDouble().Should().Be(64.0);
        ParamValue.Of(64.0).AsInt().Should().Be(64);
        var act = () => ParamValue.Of(0.5).AsInt();
        act.Should().Throw<InvalidOperationException>().WithMessage("*expected an integer, got float '0.5'*");
        var text = () => ParamValue.Of("adam").AsDouble();
        text.Should().Throw<InvalidOperationException>().WithMessage("*expected a number, got string 'adam'*");
    }

    [Fact]
    public void ParamSet_must_round_trip_through_json_keeping_kinds_and_order()
    {
        var set = new ParamSet([new("lr", 0.001), new("n_hidden", 64L), new("p", 1.0), new("opt", "adam"), new("tied", ParamValue.Of(true)), new("tag", "64")]);

        var json = set.ToJson();
        var back = ParamSet.FromJson(json);

        json.Should().Be("""{"lr":0.001,"n_hidden":64,"p":1.0,"opt":"adam","tied":true,"tag":"64"}""");
        back.Should().Equal(set);
        back.Equals(set).Should().BeTrue();
        back.Keys.Should().Equal("lr", "n_hidden", "p", "opt", "tied", "tag");
    }

    [Fact]
    public void ParamSet_must_refuse_repeated_names()
    {
        var act = () => new ParamSet([new("lr", 0.1), new("lr", 0.2)]);

        act.Should().Throw<ArgumentException>().WithMessage("*expected distinct parameter names, got 'lr' twice*");
    }
}
