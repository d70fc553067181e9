using Troupe.Training.Tuning;

namespace Troupe.Training.Tests.Tuning;

public sealed class DomainParserSpecs
{
    public static TheoryData<string, Domain> Valid => new()
    {
        { "loguniform(1e-3, 3e-2)", new LogUniform(1e-3, 3e-2) },
        { "uniform(0.2,0.6)", new Uniform(0.2, 0.6) },
        { "randint(1, 4)", new RandInt(1, 4) },
        { "choice(64, 128)", new Choice([64L, 128L]) },
        { "choice(adam, 'sgd', \"a, b\")", new Choice(["adam", "sgd", "a, b"]) },
        { "grid(0.1, 0.2, 0.3)", new GridSearch([0.1, 0.2, 0.3]) },
        { "0.1", new FixedValue(0.1) },
        { "64", new FixedValue(64L) },
        { "one-cycle", new FixedValue("one-cycle") },
        { "\"64\"", new FixedValue("64") },
        { "  uniform ( 0 , 1 )  ", new Uniform(0, 1) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_must_read_every_domain_form(string text, Domain expected)
    {
        var domain = DomainParser.Parse(text);

        domain.Should().Be(expected);
        DomainParser.Parse(domain.ToString()!).Should().Be(expected);
    }

    [Theory]
    [InlineData("loguniform(1e-3)", 0, "loguniform: expected two numbers (lower, upper), got 1 value")]
    [InlineData("uniform(0.6, 0.2)", 8, "uniform: expected lower < upper, got 0.6 and 0.2")]
    [InlineData("loguniform(0, 1)", 11, "loguniform: expected positive bounds, got 0 and 1")]
    [InlineData("randint(1.5, 4)", 8, "randint: expected an integer, got '1.5'")]
    [InlineData("randint(4, 4)", 8, "randint: expected lower < upper (upper excluded), got 4 and 4")]
    [InlineData("uniform(a, 1)", 8, "uniform: expected a number, got 'a'")]
    [InlineData("normal(0, 1)", 0, "expected a domain loguniform(...), uniform(...), choice(...), randint(...), grid(...), got 'normal(...)'")]
    [InlineData("choice()", 7, "choice: expected one or more values, got none")]
    [InlineData("choice(1, 2", 11, "expected ')' to close the domain, got the end of the value")]
    [InlineData("choice(1,, 2)", 9, "expected a value, got ','")]
    [InlineData("grid(1, 2) x", 11, "expected nothing after ')', got 'x'")]
    [InlineData("choice('a, 2)", 7, "expected a closing ' for the string, got the end of the value")]
    [InlineData("choice(a b c(d))", 7, "expected a literal value (quote strings holding parentheses or quotes), got 'a b c(d'")]
    public void TryParse_must_say_what_was_expected_and_where(string text, int offset, string message)
    {
        DomainParser.TryParse(text, out var domain, out var error).Should().BeFalse();

        domain.Should().BeNull();
        error!.Message.Should().Be(message);
        error.Offset.Should().Be(offset);
    }

    [Fact]
    public void Parse_must_throw_a_format_exception_with_the_offset()
    {
        var act = () => DomainParser.Parse("uniform(2, 1)");

        act.Should().Throw<FormatException>().WithMessage("uniform: expected lower < upper, got 2 and 1 (at offset 8 of 'uniform(2, 1)')");
    }
}
