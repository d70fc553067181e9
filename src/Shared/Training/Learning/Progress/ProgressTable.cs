using System.Globalization;
using System.Text;

namespace Troupe.Training.Learning;

/// <summary>
/// fastai's console results table (fastprogress' <c>write(..., table=True)</c>): names padded to 8 characters and
/// joined by two spaces; values formatted <c>{:.6f}</c> (epoch as an integer, time as mm:ss) and padded to their
/// column name plus two.
/// </summary>
public sealed class ProgressTable
{
    private readonly string[] names;

    public ProgressTable(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("ProgressTable: expected column names, got none", nameof(columns));
        names = columns.Select(n => n.Length < 8 ? n + new string(' ', 8 - n.Length) : n).ToArray();
        Columns = columns.ToArray();
    }

    public IReadOnlyList<string> Columns { get; }

    public string Header() => string.Join("  ", names);

    /// <summary>One row; a column this record has no value for is left blank.</summary>
    public string Row(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sb = new StringBuilder();
        for (var i = 0; i < Columns.Count; i++)
        {
            var text = Columns[i] switch
            {
                "epoch" => record.Epoch.ToString(CultureInfo.InvariantCulture),
                "time" => FormatTime(record.Seconds),
                var name => record.Value(name) is { } v ? v.ToString("F6", CultureInfo.InvariantCulture) : "",
            };
            sb.Append(text).Append(' ', Math.Max(0, 2 + names[i].Length - text.Length));
        }
        return sb.ToString();
    }

    /// <summary>fastai's <c>format_time</c>: whole seconds as mm:ss, or h:mm:ss past an hour.</summary>
    public static string FormatTime(double seconds)
    {
        var t = (long)seconds;
        long h = t / 3600, m = t / 60 % 60, s = t % 60;
        return h != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m:00}:{s:00}");
    }
}
