using System.Globalization;
using System.Text;

namespace Troupe.Training.Tests.Support;

/// <summary>
/// Corpora small enough for a whole ULMFiT chain in seconds (compiled into the Worker and Coordinator tests too):
/// a WikiText-format folder (valid.txt trains, test.txt validates, as the shared WikiText-2 copy) and an IMDB-format
/// CSV (label, text, is_valid) whose reviews reuse most of its words, so vocab matching has rows to copy. Every word
/// appears more than min_freq (3) times; a review's sentiment words decide its label.
/// </summary>
public static class TinyCorpus
{
    private static readonly string[] Common = ["the", "movie", "was", "and", "story", "actors", "film", "a", "it", "plot", "of", "end"];
    private static readonly string[] Good = ["great", "wonderful", "good", "loved", "fine"];
    private static readonly string[] Bad = ["bad", "awful", "boring", "hated", "poor"];

    /// <summary>Writes valid.txt and test.txt (about 300 tokens each) into <paramref name="folder"/> and returns it.</summary>
    public static string WriteWikiText(string folder, int sentences = 30)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "valid.txt"), Article("Train", 1, sentences));
        File.WriteAllText(Path.Combine(folder, "test.txt"), Article("Valid", 2, sentences));
        return folder;
    }

    /// <summary>Writes <paramref name="train"/> training and <paramref name="valid"/> validation reviews, alternating labels, to <paramref name="path"/>.</summary>
    public static string WriteCsv(string path, int train = 24, int valid = 8)
    {
        var random = new Random(3);
        var sb = new StringBuilder("label,text,is_valid\n");
        for (var i = 0; i < train + valid; i++)
        {
            var positive = i % 2 == 0;
            var words = Enumerable.Range(0, 6 + random.Next(10)).Select(k => k % 3 == 0 ? Pick(random, positive ? Good : Bad) : Pick(random, Common));
            var text = "The " + string.Join(' ', words) + ".";
            sb.Append(CultureInfo.InvariantCulture, $"{(positive ? "positive" : "negative")},\"{text}\",{(i >= train ? "True" : "False")}\n");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static string Article(string title, int seed, int sentences)
    {
        var random = new Random(seed);
        var sb = new StringBuilder($" \n = {title} = \n \n");
        for (var s = 0; s < sentences; s++)
        {
            var words = Enumerable.Range(0, 8).Select(k => k % 4 == 1 ? Pick(random, random.Next(2) == 0 ? Good : Bad) : Pick(random, Common));
            sb.Append(' ').Append(string.Join(' ', words)).Append(" . \n");
        }
        return sb.ToString();
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
