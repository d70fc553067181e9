using System.Text;

namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// A <see cref="TextWriter"/> for code that writes plain log lines (the membership log, the listening line) while the
/// live view owns the terminal: each complete line becomes a <see cref="LiveNote"/>. Safe from several threads.
/// </summary>
internal sealed class LiveLineWriter(ILiveSurface surface) : TextWriter
{
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (pending)
        {
            if (value == '\n')
            {
                surface.Note(new LiveNote(pending.ToString().TrimEnd('\r'), Warning: false));
                pending.Clear();
            }
            else
            {
                pending.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "") Write(c);
    }
}
