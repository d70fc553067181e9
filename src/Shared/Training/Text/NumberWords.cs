namespace Troupe.Training.Text;

/// <summary>
/// English words for 1..9999 the way fastai's Human Numbers files spell them: lowercase, single spaces,
/// no "and", no hyphens ("nine thousand nine hundred ninety nine").
/// </summary>
internal static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public static string ToWords(int n)
    {
        if (n is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(n), $"NumberWords: expected 1..9999, got {n}");
        var parts = new List<string>(6);
        if (n >= 1000) parts.Add($"{Small[n / 1000]} thousand");
        var rest = n % 1000;
        if (rest >= 100) parts.Add($"{Small[rest / 100]} hundred");
        rest %= 100;
        if (rest >= 20)
        {
            parts.Add(Tens[rest / 10]);
            if (rest % 10 != 0) parts.Add(Small[rest % 10]);
        }
        else if (rest > 0)
        {
            parts.Add(Small[rest]);
        }
        return string.Join(' ', parts);
    }
}
