using Spectre.Console;

namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// The live view on a terminal: one thread of its own owns Spectre's live display and redraws the latest
/// <see cref="LiveFrame"/> and notes when they change (at most every 100 ms) and twice a second for the clock, so
/// actor threads only swap a reference and never wait for the terminal. Nothing else may write to stdout while it
/// runs: plain lines come in as notes (<see cref="Lines"/>) and logged warnings and errors through
/// <see cref="Logged"/>, which also keeps them whole for stderr once the display stops. A drawing failure stops the
/// display and is rethrown to the next <see cref="Show"/> caller, and written to stderr on <see cref="Dispose"/>.
/// </summary>
internal sealed class SpectreLiveSurface : ILiveSurface, IDisposable
{
    private const int NoteLines = 8;

    /// <summary>Logged messages kept whole for stderr; later ones are counted (a sweep that warns in a loop must not grow without end).</summary>
    internal const int LoggedKept = 1000;
    private static readonly TimeSpan MinRedraw = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ClockRedraw = TimeSpan.FromMilliseconds(500);
    private readonly IAnsiConsole console;
    private readonly TextWriter stderr;
    private readonly object gate = new();
    private readonly Queue<LiveNote> notes = new();
    private readonly List<string> logged = [];
    private int loggedOmitted;
    private readonly AutoResetEvent changed = new(false);
    private readonly ManualResetEventSlim stopping = new(false);
    private readonly Thread thread;
    private LiveFrame? frame;
    private Exception? failure;

    private SpectreLiveSurface(IAnsiConsole console, TextWriter stderr)
    {
        this.console = console;
        this.stderr = stderr;
        Lines = new LiveLineWriter(this);
        thread = new Thread(Draw) { IsBackground = true, Name = "troupe-live-view" };
    }

    /// <summary>Writes plain log lines (membership changes, the listening line) as notes.</summary>
    public TextWriter Lines { get; }

    public int MaxRows => Math.Max(3, console.Profile.Height - NoteLines - 9);

    /// <summary>Starts the display on <paramref name="stdout"/> (a terminal: the choice of <see cref="LogFormat.Live"/> made sure of it).</summary>
    public static SpectreLiveSurface Start(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(stdout),
        });
        var surface = new SpectreLiveSurface(console, stderr);
        surface.thread.Start();
        return surface;
    }

    public void Show(LiveFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (Volatile.Read(ref failure) is { } e) throw new InvalidOperationException($"live view: expected it drawing, got it failed: {e.Message}", e);
        Volatile.Write(ref this.frame, frame);
        changed.Set();
    }

    public void Note(LiveNote note)
    {
        lock (gate)
        {
            notes.Enqueue(note);
            while (notes.Count > NoteLines) notes.Dequeue();
        }
        changed.Set();
    }

    /// <summary>A logged warning or error: its first line as a note now, all of it on stderr once the display stops.</summary>
    public void Logged(string message)
    {
        lock (gate)
        {
            if (logged.Count < LoggedKept) logged.Add(message);
            else loggedOmitted++;
        }
        Note(new LiveNote(message.Split('\n', 2)[0], Warning: true));
    }

    /// <summary>Stops the display (its last frame stays on screen), then writes what was logged, and a drawing failure, to stderr.</summary>
    public void Dispose()
    {
        stopping.Set();
        changed.Set();
        if (!thread.Join(TimeSpan.FromSeconds(10))) stderr.WriteLine("troupe-coordinator: the live view did not stop within 10 s");
        lock (gate)
        {
            foreach (var m in logged) stderr.WriteLine(m);
            if (loggedOmitted > 0) stderr.WriteLine($"troupe-coordinator: {loggedOmitted} more logged messages not kept (the first {LoggedKept} are above)");
        }
        if (failure is { } e) stderr.WriteLine($"troupe-coordinator: the live view failed: {e}");
        stderr.Flush();
        // The two events stay undisposed: a late log line from a stopping actor may still Set them, and Note must not throw.
    }

    private void Draw()
    {
        try
        {
            console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Top).Start(ctx =>
            {
                while (!stopping.IsSet)
                {
                    changed.WaitOne(ClockRedraw);
                    ctx.UpdateTarget(Render());
                    stopping.Wait(MinRedraw);
                }
                ctx.UpdateTarget(Render());
            });
        }
        catch (Exception e)
        {
            // Not swallowed: the next Show rethrows it on the aggregator's thread (failing the sweep visibly) and Dispose prints it.
            Volatile.Write(ref failure, e);
        }
    }

    private Spectre.Console.Rendering.IRenderable Render()
    {
        List<LiveNote> shown;
        lock (gate) shown = [.. notes];
        var current = Volatile.Read(ref frame);
        // Spectre's live display cannot measure an empty renderable: before the first frame there is always a line.
        return current is null
            ? new Rows([new Text("waiting for the sweep to start", new Style(Color.Grey)), .. shown.Select(n => new Text(n.Text))])
            : LiveFrameView.Render(current, shown, DateTime.UtcNow);
    }
}
