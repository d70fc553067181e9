using Troupe.Training.Text;

namespace Troupe.Training.Tests.Text;

/// <summary>
/// The tokenizations shown in seeds/002 (fastai lesson 8), reproduced from the review texts they come from.
/// Where the seed shows <c>xxunk</c> (a word its 200-review vocab did not keep), the expected tokens here
/// hold the word itself; <see cref="Seed_lm_batch_row_must_decode_like_the_seed"/> checks the xxunk step.
/// </summary>
public sealed class TokenizerSpecs
{
    private const string WorstMovie =
        "The worst movie I've ever seen, hands down. It is ten times more a rip-off of Lake Placid than it is a sequel. Director";

    public static TheoryData<string, string> SeedTexts => new()
    {
        {
            WorstMovie,
            "xxbos xxmaj the worst movie xxmaj i 've ever seen , hands down . xxmaj it is ten times more a rip - off of xxmaj lake xxmaj placid than it is a sequel . xxmaj director"
        },
        {
            // seeds/002 show_batch row 0 (its "xxunk" was "3" here).
            "My sincere advice to all: don't watch the movie.<br /><br />Don't even go near to the theater where this movie is being played!! " +
            "even a glimpse of it is bad for health. serious. no jokes. it's 3am in the morning. and i returned from this crappiest movie on this universe. " +
            "FOUR HOURS DAMN!!! i am proud that i survived",
            "xxbos xxmaj my sincere advice to all : do n't watch the movie . \n\n xxmaj do n't even go near to the theater where this movie is being played ! ! " +
            "even a glimpse of it is bad for health . serious . no jokes . it 's 3 am in the morning . and i returned from this crappiest movie on this universe . " +
            "xxup four xxup hours xxup damn xxrep 3 ! i am proud that i survived"
        },
        {
            // seeds/002 show_batch row 1 (its "xxunk" was "mannerisms" here).
            "what has led to the overwhelmingly negative reaction.<br /><br />The shock value is the least appealing thing about this film - a minor detail " +
            "that has been blown out of proportion. The story is of Pierre's downfall - and the subsequent destruction of those around him - which is overtly " +
            "demonstrated in his features, demeanour and mannerisms. The dialogue and soundtrack set this film apart from any other I have seen,",
            "xxbos what has led to the overwhelmingly negative reaction . \n\n xxmaj the shock value is the least appealing thing about this film - a minor detail " +
            "that has been blown out of proportion . xxmaj the story is of xxmaj pierre 's downfall - and the subsequent destruction of those around him - which is overtly " +
            "demonstrated in his features , demeanour and mannerisms . xxmaj the dialogue and soundtrack set this film apart from any other i have seen ,"
        },
    };

    [Theory]
    [MemberData(nameof(SeedTexts))]
    public void Default_tokenizer_must_give_the_seed_tokens(string text, string expected)
    {
        Tokenizer.Default.Tokenize(text).Should().Equal(expected.Split(' '));
    }

    [Fact]
    public void Word_tokenizer_alone_must_give_the_seed_spacy_tokens()
    {
        var tokens = new WordTokenizer().Tokenize(WorstMovie);

        tokens.Should().Equal(
            "The", "worst", "movie", "I", "'ve", "ever", "seen", ",", "hands", "down", ".", "It", "is", "ten", "times", "more", "a", "rip",
            "-", "off", "of", "Lake", "Placid", "than", "it", "is", "a", "sequel", ".", "Director");
    }

    [Fact]
    public void Seed_lm_batch_row_must_decode_like_the_seed()
    {
        // seeds/002: the LMDataLoader's x[0][:20] and y[0][:20] over numericalized reviews whose vocab lacks "hands".
        var review = Tokenizer.Default.Tokenize(WorstMovie);
        var other = Tokenizer.Default.Tokenize("Another review that keeps the stream long enough for two rows of twenty tokens each, and then some more words.");
        var vocab = Vocab.Build([review.Where(t => t != "hands"), other], minFreq: 1);
        var dl = new LMDataLoader([vocab.Numericalize(review), vocab.Numericalize(other)], batchSize: 2, seqLen: 20);

        var batch = dl.Batches().First();

        vocab.Textify(batch.X.Take(20)).Should().Be("xxbos xxmaj the worst movie xxmaj i 've ever seen , xxunk down . xxmaj it is ten times more");
        vocab.Textify(batch.Y.Take(20)).Should().Be("xxmaj the worst movie xxmaj i 've ever seen , xxunk down . xxmaj it is ten times more a");
    }

    [Theory]
    [InlineData("don't", "do n't")]
    [InlineData("Don't", "Do n't")]
    [InlineData("can't", "ca n't")]
    [InlineData("won't", "wo n't")]
    [InlineData("isn't", "is n't")]
    [InlineData("shouldn't've", "should n't 've")]
    [InlineData("it's", "it 's")]
    [InlineData("movie's", "movie 's")]
    [InlineData("I'm", "I 'm")]
    [InlineData("they're", "they 're")]
    [InlineData("we've", "we 've")]
    [InlineData("could've", "could 've")]
    [InlineData("don\u2019t", "do n\u2019t")]
    [InlineData("its", "its")]
    [InlineData("well", "well")]
    [InlineData("gonna", "gon na")]
    [InlineData("cannot", "can not")]
    [InlineData("let's", "let 's")]
    [InlineData("Hello, world!", "Hello , world !")]
    [InlineData("(don't)", "( do n't )")]
    [InlineData("\"quoted\"", "\" quoted \"")]
    [InlineData("wait...", "wait ...")]
    [InlineData("so.............", "so .............")]
    [InlineData("(so.............)", "( so ............. )")]
    [InlineData("rip-off", "rip - off")]
    [InlineData("5-6", "5 - 6")]
    [InlineData("3.5", "3.5")]
    [InlineData("$10", "$ 10")]
    [InlineData("10km", "10 km")]
    [InlineData("5pm", "5 pm")]
    [InlineData("Mr. Smith", "Mr. Smith")]
    [InlineData("e.g.", "e.g.")]
    [InlineData("end.Next", "end . Next")]
    [InlineData("and/or", "and/or")]
    [InlineData("great :)", "great :)")]
    [InlineData("xxbos xxmaj hi", "xxbos xxmaj hi")]
    public void Word_tokenizer_must_split_like_spacy_english(string text, string expected)
    {
        new WordTokenizer().Tokenize(text).Should().Equal(expected.Split(' '));
    }

    [Fact]
    public void Word_tokenizer_must_split_a_repeated_chunk_the_same_way_every_time()
    {
        var tokenizer = new WordTokenizer();

        tokenizer.Tokenize("(don't) (don't)").Should().Equal("(", "do", "n't", ")", "(", "do", "n't", ")");
        tokenizer.Tokenize("(don't)").Should().Equal("(", "do", "n't", ")");
    }

    [Fact]
    public void Word_tokenizer_must_keep_whitespace_runs_as_tokens()
    {
        new WordTokenizer().Tokenize("a\n\nb  c \n d").Should().Equal("a", "\n\n", "b", " ", "c", "\n ", "d");
        new WordTokenizer().Tokenize("").Should().BeEmpty();
    }

    [Fact]
    public void Post_rule_must_replace_spaces_inside_tokens()
    {
        Tokenizer.Default.Tokenize("a \n b").Should().Equal("xxbos", "a", "\n\u2581", "b");
    }

    [Fact]
    public void Character_tokenizer_must_give_one_token_per_character()
    {
        Tokenizer.Characters.Tokenize("Hi,\nyou \U0001F600").Should().Equal("H", "i", ",", "\n", "y", "o", "u", " ", "\U0001F600");
    }

    [Fact]
    public void Space_tokenizer_must_split_like_python_split_on_a_space()
    {
        new SpaceTokenizer().Tokenize("one . two").Should().Equal("one", ".", "two");
        new SpaceTokenizer().Tokenize("a  b").Should().Equal("a", "", "b");
    }

    [Fact]
    public void Decode_must_join_tokens_with_spaces()
    {
        Tokenizer.Decode(["xxbos", "xxmaj", "hi"]).Should().Be("xxbos xxmaj hi");
    }
}
