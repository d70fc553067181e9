using System.Text;

namespace Troupe.Training.Text;

/// <summary>
/// An RFC 4180 CSV file read whole: a header row, then records (quoted fields may hold commas, newlines and
/// doubled quotes). Rows are numbered as a user sees them: the header is line 1 of the file, and each record
/// remembers the line it starts on, so errors can name it.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(string source, IReadOnlyList<string> header, IReadOnlyList<(int Line, string[] Fields)> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
    }

    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>The index of each of <paramref name="columns"/> in the header.</summary>
    /// <exception cref="InvalidDataException">a column is missing.</exception>
    public int[] Require(params string[] columns)
    {
        var missing = columns.Where(c => !Header.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"{Source}: expected columns {string.Join(", ", columns)}, got {string.Join(", ", Header)} (missing {string.Join(", ", missing)})");
        return columns.Select(c => Header.ToList().IndexOf(c)).ToArray();
    }

    /// <exception cref="FileNotFoundException">no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">the file is empty, a quote is unterminated, or a row has the wrong number of fields.</exception>
    public static CsvTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV: expected a file at '{path}', got none", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static CsvTable Parse(string text, string source = "<csv>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<(int Line, string[] Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        bool quoted = false, any = false;
        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (ch == '"') { quoted = false; i++; continue; }
                if (ch == '\n') line++;
                field.Append(ch);
                i++;
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add((recordLine, fields.ToArray())); }
                    fields.Clear();
                    field.Clear();
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
            i++;
        }
        if (quoted) throw new InvalidDataException($"{source}: expected a closing quote for the field starting on line {recordLine}, got the end of the file");
        if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add((recordLine, fields.ToArray())); }
        if (records.Count == 0) throw new InvalidDataException($"{source}: expected a header row, got an empty file");
        var header = records[0].Fields;
        foreach (var (l, f) in records.Skip(1))
            if (f.Length != header.Length)
                throw new InvalidDataException($"{source}: line {l}: expected {header.Length} fields ({string.Join(", ", header)}), got {f.Length}");
        return new CsvTable(source, header, records.Skip(1).ToArray());
    }
}
