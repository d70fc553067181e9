namespace Troupe.Training.Text;

/// <summary>
/// Human Numbers after fastbook chapter 12's pipeline: all lines (train then valid), stripped and joined
/// with <c>" . "</c>, split on spaces (63,095 tokens), a 30-token vocab in first-appearance order, and the
/// ids (<see cref="Nums"/>). The loader factories build the book's datasets with its 80/20 cut.
/// </summary>
public sealed class HumanNumbersCorpus
{
    private HumanNumbersCorpus(IReadOnlyList<string> lines, int trainLineCount, string text, string[] tokens, Vocab vocab, long[] nums)
    {
        Lines = lines;
        TrainLineCount = trainLineCount;
        Text = text;
        Tokens = tokens;
        Vocab = vocab;
        Nums = nums;
    }

    /// <summary>Every line as read, newline included (train lines first).</summary>
    public IReadOnlyList<string> Lines { get; }

    public int TrainLineCount { get; }

    public int ValidLineCount => Lines.Count - TrainLineCount;

    /// <summary><c>' . '.join([l.strip() for l in lines])</c>.</summary>
    public string Text { get; }

    /// <summary><c>text.split(' ')</c>.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public Vocab Vocab { get; }

    /// <summary>The token stream as ids (<c>nums</c>).</summary>
    public IReadOnlyList<long> Nums { get; }

    /// <summary>Runs the book's pipeline over the two files' contents.</summary>
    public static HumanNumbersCorpus FromTexts(string trainText, string validText)
    {
        ArgumentNullException.ThrowIfNull(trainText);
        ArgumentNullException.ThrowIfNull(validText);
        var train = SplitLines(trainText, HumanNumbers.TrainFileName);
        var valid = SplitLines(validText, HumanNumbers.ValidFileName);
        var lines = train.Concat(valid).ToArray();
        // Python's str.strip() drops the trailing " \n" of every line.
        var text = string.Join(" . ", lines.Select(l => l.Trim()));
        var tokens = text.Split(' ');
        var vocab = Vocab.FromFirstAppearance(tokens);
        return new HumanNumbersCorpus(lines, train.Count, text, tokens, vocab, vocab.Numericalize(tokens));
    }

    /// <summary>The 3-word samples (21,031): 3 ids in, the 4th as the target.</summary>
    public SequenceDataset ThreeWordSequences() => SequenceDataset.NextToken(Nums, 3);

    /// <summary>The <c>sl</c>-token samples (3,943 for sl=16) with y = x shifted by one.</summary>
    public SequenceDataset Sequences(int seqLen = 16) => SequenceDataset.Shifted(Nums, seqLen);

    /// <summary>
    /// LMModel1/LMModel2's loaders: <c>DataLoaders.from_dsets(seqs[:cut], seqs[cut:], bs=64, shuffle=False)</c>
    /// with fastai's defaults drop_last=True for training and False for validation (4,207 validation samples).
    /// </summary>
    public TextDataLoaders ThreeWordLoaders(int batchSize = 64)
    {
        var seqs = ThreeWordSequences();
        var cut = seqs.BookCut();
        return new TextDataLoaders(
            new SequenceDataLoader(seqs.Slice(0, cut), batchSize, shuffle: false, dropLast: true),
            new SequenceDataLoader(seqs.Slice(cut, seqs.Count - cut), batchSize, shuffle: false, dropLast: false),
            Vocab);
    }

    /// <summary>LMModel3's loaders: the 3-word samples through <c>group_chunks</c>, shuffle=False, drop_last=True.</summary>
    public TextDataLoaders GroupedThreeWordLoaders(int batchSize = 64) => Grouped(ThreeWordSequences(), batchSize);

    /// <summary>LMModel4–7's loaders: the <c>sl</c>-token samples through <c>group_chunks</c>, shuffle=False, drop_last=True.</summary>
    public TextDataLoaders GroupedSequenceLoaders(int seqLen = 16, int batchSize = 64) => Grouped(Sequences(seqLen), batchSize);

    /// <summary>The chapter's baseline over <see cref="ThreeWordLoaders"/>' validation set: <c>thousand</c>, 638 of 4,207.</summary>
    public MostCommonTarget ValidBaseline(int batchSize = 64) => MostCommonTarget.Of(ThreeWordLoaders(batchSize).Valid, Vocab);

    private TextDataLoaders Grouped(SequenceDataset seqs, int batchSize)
    {
        var cut = seqs.BookCut();
        return new TextDataLoaders(
            new SequenceDataLoader(GroupChunks.Apply(seqs.Slice(0, cut), batchSize), batchSize, shuffle: false, dropLast: true),
            new SequenceDataLoader(GroupChunks.Apply(seqs.Slice(cut, seqs.Count - cut), batchSize), batchSize, shuffle: false, dropLast: true),
            Vocab);
    }

    // f.readlines(): every line keeps its '\n'; a file with no lines is not Human Numbers.
    private static List<string> SplitLines(string text, string name)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        if (lines.Count == 0) throw new InvalidDataException($"Human Numbers: expected lines of numbers in {name}, got an empty file");
        return lines;
    }
}
