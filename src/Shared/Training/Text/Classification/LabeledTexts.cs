namespace Troupe.Training.Text;

/// <summary>
/// Texts with a class label and a train/valid flag, as fastai's <c>TextDataLoaders.from_df(df, text_col, label_col,
/// valid_col)</c> reads them (IMDB's <c>texts.csv</c>: label, text, is_valid). Labels are the sorted distinct
/// training labels (fastai's CategoryBlock vocab).
/// </summary>
internal sealed record LabeledTexts(IReadOnlyList<string> Texts, IReadOnlyList<int> Labels, IReadOnlyList<bool> IsValid, IReadOnlyList<string> Classes)
{
    /// <exception cref="InvalidDataException">missing columns, an empty text, a bad is_valid value, or a validation label never seen in training; the message names the line.</exception>
    public static LabeledTexts FromCsv(string path, string textColumn = "text", string labelColumn = "label", string validColumn = "is_valid")
    {
        var table = CsvTable.Load(path);
        var at = table.Require(labelColumn, textColumn, validColumn);
        var rows = table.Rows;
        if (rows.Count == 0) throw new InvalidDataException($"{path}: expected labeled rows after the header, got none");
        var valid = new bool[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var (line, f) = rows[r];
            if (string.IsNullOrWhiteSpace(f[at[1]])) throw new InvalidDataException($"{path}: line {line}: expected a non-empty {textColumn}, got an empty one");
            if (string.IsNullOrWhiteSpace(f[at[0]])) throw new InvalidDataException($"{path}: line {line}: expected a {labelColumn}, got an empty one");
            valid[r] = f[at[2]].Trim().ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                var other => throw new InvalidDataException($"{path}: line {line}: expected {validColumn} True or False, got '{other}'"),
            };
        }
        var classes = rows.Where((_, r) => !valid[r]).Select(x => x.Fields[at[0]].Trim()).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2) throw new InvalidDataException($"{path}: expected at least 2 labels among the training rows, got {classes.Length} ({string.Join(", ", classes)})");
        var labels = new int[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var label = rows[r].Fields[at[0]].Trim();
            labels[r] = Array.IndexOf(classes, label);
            if (labels[r] < 0)
                throw new InvalidDataException($"{path}: line {rows[r].Line}: expected a label among the training labels ({string.Join(", ", classes)}), got '{label}'");
        }
        return new LabeledTexts(rows.Select(x => x.Fields[at[1]]).ToArray(), labels, valid, classes);
    }

    public IEnumerable<int> TrainIndices => Enumerable.Range(0, Texts.Count).Where(i => !IsValid[i]);

    public IEnumerable<int> ValidIndices => Enumerable.Range(0, Texts.Count).Where(i => IsValid[i]);

    /// <summary>The fixed seed of <see cref="RandomSplit"/> (fastai's examples split with seed 42 too).</summary>
    public const ulong SplitSeed = 42;

    /// <summary>
    /// Every row, train and valid alike, split at random (fastai's <c>RandomSplitter(valid_pct)</c>): round(pct·n) rows,
    /// at least one, validate; the rest train. The same rows on every machine (a fixed <see cref="SplitSeed"/>); both
    /// lists ascending.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validPct"/> outside (0, 1), or fewer than 2 rows.</exception>
    public (int[] Train, int[] Valid) RandomSplit(double validPct)
    {
        if (!(validPct is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(validPct), validPct, $"LabeledTexts: expected valid_pct in (0, 1), got {validPct}");
        if (Texts.Count < 2) throw new ArgumentOutOfRangeException(nameof(validPct), $"LabeledTexts: expected at least 2 rows to split, got {Texts.Count}");
        var order = SeededShuffle.Permutation(Texts.Count, SplitSeed, 0);
        var cut = Math.Clamp((int)Math.Round(validPct * Texts.Count), 1, Texts.Count - 1);
        return (order[cut..].Order().ToArray(), order[..cut].Order().ToArray());
    }
}
