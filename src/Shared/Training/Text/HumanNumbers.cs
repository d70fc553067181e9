using System.Text;

namespace Troupe.Training.Text;

/// <summary>
/// fastai's Human Numbers dataset (<c>URLs.HUMAN_NUMBERS</c>): <c>train.txt</c> holds 1..7999 and
/// <c>valid.txt</c> 8001..9999 (8000 is in neither), one number in words per line followed by <c>" \n"</c>.
/// Generated here byte for byte, so nothing is downloaded; <see cref="Load(string)"/> reads a user's copy.
/// </summary>
public static class HumanNumbers
{
    public const string TrainFileName = "train.txt";
    public const string ValidFileName = "valid.txt";

    /// <summary>train.txt exactly as fastai ships it (280,599 bytes, 7,999 lines).</summary>
    public static string TrainText() => Lines(1, 7999);

    /// <summary>valid.txt exactly as fastai ships it (74,884 bytes, 1,999 lines).</summary>
    public static string ValidText() => Lines(8001, 9999);

    /// <summary>Writes train.txt and valid.txt (UTF-8, no BOM) into <paramref name="folder"/>, creating it.</summary>
    public static void WriteFiles(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(folder, TrainFileName), TrainText(), utf8);
        File.WriteAllText(Path.Combine(folder, ValidFileName), ValidText(), utf8);
    }

    /// <summary>The dataset generated in memory, run through the book's pipeline.</summary>
    public static HumanNumbersCorpus Load() => HumanNumbersCorpus.FromTexts(TrainText(), ValidText());

    /// <summary>The dataset read from <paramref name="folder"/> (train.txt and valid.txt), run through the book's pipeline.</summary>
    /// <exception cref="DirectoryNotFoundException">the folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">train.txt or valid.txt is missing.</exception>
    /// <exception cref="InvalidDataException">a file holds no lines.</exception>
    public static HumanNumbersCorpus Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Human Numbers: expected a folder with {TrainFileName} and {ValidFileName}, got no folder at '{Path.GetFullPath(folder)}'");
        var train = Path.Combine(folder, TrainFileName);
        var valid = Path.Combine(folder, ValidFileName);
        foreach (var file in new[] { train, valid })
            if (!File.Exists(file))
                throw new FileNotFoundException($"Human Numbers: expected {Path.GetFileName(file)} in '{Path.GetFullPath(folder)}', got no such file", file);
        return HumanNumbersCorpus.FromTexts(File.ReadAllText(train), File.ReadAllText(valid));
    }

    private static string Lines(int first, int last)
    {
        var sb = new StringBuilder();
        for (var n = first; n <= last; n++) sb.Append(NumberWords.ToWords(n)).Append(" \n");
        return sb.ToString();
    }
}
