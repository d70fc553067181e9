using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

/// <summary>fastai's own examples for its text rules (fastai.text.core).</summary>
public sealed class TextRulesSpecs
{
    [Theory]
    [InlineData("#fastai", " # fastai")]
    [InlineData("/fastai", " / fastai")]
    [InlineData("\\fastai", " \\ fastai")]
    public void Spec_add_spaces_must_surround_slash_hash_and_backslash(string text, string expected) =>
        TextRules.SpecAddSpaces(text).Should().Be(expected);

    [Fact]
    public void Rm_useless_spaces_must_collapse_space_runs() => TextRules.RmUselessSpaces("a  b   c").Should().Be("a b c");

    [Theory]
    [InlineData("aa", "aa")]
    [InlineData("aaaa", " xxrep 4 a ")]
    [InlineData("DAMN!!!", "DAMN xxrep 3 ! ")]
    public void Replace_rep_must_mark_three_or_more_repeated_characters(string text, string expected) =>
        TextRules.ReplaceRep(text).Should().Be(expected);

    [Theory]
    [InlineData("ah ah", "ah ah")]
    [InlineData("ah ah ah", " xxwrep 3 ah ")]
    [InlineData("ah ah ah ah", " xxwrep 4 ah ")]
    [InlineData("ah ah ah ah ", " xxwrep 4 ah  ")]
    [InlineData("ah ah ah ah.", " xxwrep 4 ah .")]
    [InlineData("ah ah ahi", "ah ah ahi")]
    public void Replace_wrep_must_mark_three_or_more_repeated_words(string text, string expected) =>
        TextRules.ReplaceWrep(text).Should().Be(expected);

    [Theory]
    [InlineData("#39;bli#146;", "'bli'")]
    [InlineData("Sarah amp; Duck...", "Sarah & Duck …")]
    [InlineData("a nbsp; #36;", "a   $")]
    [InlineData("\\\" <unk>", "\" xxunk")]
    [InlineData("quot;  @.@  @-@ ", "' .-")]
    [InlineData("<br />text\\n", "\ntext\n")]
    [InlineData("caf&eacute; &#233; &#x41; &#150;", "café é A –")]
    public void Fix_html_must_clean_html_leftovers(string text, string expected) =>
        TextRules.FixHtml(text).Should().Be(expected);

    [Theory]
    [InlineData("I'M SHOUTING", "xxup i'm xxup shouting")]
    [InlineData("I'm speaking normally", "I'm speaking normally")]
    [InlineData("I am speaking normally", "i am speaking normally")]
    public void Replace_all_caps_must_mark_words_in_capitals(string text, string expected) =>
        TextRules.ReplaceAllCaps(text).Should().Be(expected);

    [Theory]
    [InlineData("Jeremy Howard", "xxmaj jeremy xxmaj howard")]
    [InlineData("I don't think there is any maj here", "i don't think there is any maj here")]
    public void Replace_maj_must_mark_capitalised_words(string text, string expected) =>
        TextRules.ReplaceMaj(text).Should().Be(expected);

    [Fact]
    public void Lowercase_must_add_bos_and_optionally_eos()
    {
        TextRules.Lowercase("  Hello World \n").Should().Be("xxbos hello world");
        TextRules.Lowercase("Hi", addBos: false, addEos: true).Should().Be("hi xxeos");
    }
}
