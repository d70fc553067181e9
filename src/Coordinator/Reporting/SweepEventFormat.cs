using System.Text.Json;
using Troupe.Coordinator.Reporting.Live;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// How one concrete <see cref="SweepEvent"/> type shows everywhere: its JSON <c>event</c> name and fields
/// (<see cref="SweepJson"/>), its text line (<see cref="SweepLog"/>), its note under the live table and its effect on the
/// live board (<see cref="LiveSweepSink"/>, <see cref="TrialBoard"/>). One entry per type in
/// <see cref="SweepEventFormats"/>, so the four views cannot drift apart.
/// </summary>
/// <remarks>
/// Invariants (checked by <see cref="Of{T}"/>): <see cref="Json"/> is null exactly when <see cref="Text"/> and
/// <see cref="Fields"/> are (an event only subscribers see); a <see cref="Row"/> or a note needs a text line.
/// </remarks>
internal sealed class SweepEventFormat
{
    // Built only by Of<T>, which wraps typed delegates and checks the invariants.
    private SweepEventFormat(Type eventType, string? json) => (EventType, Json) = (eventType, json);

    /// <summary>The concrete event type this entry is for.</summary>
    public Type EventType { get; }

    /// <summary>The JSON lines' <c>event</c> value (snake_case, distinct per entry), or null: the event is not logged at all.</summary>
    public string? Json { get; }

    /// <summary>The event's fields after <c>time</c>, <c>elapsed</c> and <c>event</c>; the book gives the metric's name, best and ETA.</summary>
    public Action<Utf8JsonWriter, SweepEvent, MetricsBook>? Fields { get; private init; }

    /// <summary>The text line without its time stamp (or the whole row when <see cref="Row"/>).</summary>
    public Func<SweepEvent, MetricsBook, string>? Text { get; private init; }

    /// <summary>The text is a fastai table row: no time stamp, under a header repeated every few rows.</summary>
    public bool Row { get; private init; }

    /// <summary>Whether the live view notes the text line under the table, and whether as a warning.</summary>
    public SweepNote Note { get; private init; }

    /// <summary>A clock tick: the live frame is drawn again (best, ETA) though the board did not change.</summary>
    public bool Tick { get; private init; }

    /// <summary>The event's effect on the live board; true when a row or sweep fact changed. Null: none.</summary>
    public Func<TrialBoard, SweepEvent, bool>? Board { get; private init; }

    /// <summary>Whether the text and JSON logs have a line for the event.</summary>
    public bool Logged => Json is not null;

    /// <summary>An entry for <typeparamref name="T"/>; the typed delegates are wrapped to take any <see cref="SweepEvent"/> of that type.</summary>
    /// <exception cref="ArgumentException">The parts break an invariant (see the remarks).</exception>
    public static SweepEventFormat Of<T>(
        string? json,
        Func<T, MetricsBook, string>? text = null,
        Action<Utf8JsonWriter, T, MetricsBook>? fields = null,
        bool row = false,
        SweepNote note = SweepNote.None,
        bool tick = false,
        Func<TrialBoard, T, bool>? board = null)
        where T : SweepEvent
    {
        if ((json is null) != (text is null) || (json is null) != (fields is null))
            throw new ArgumentException($"SweepEventFormat: expected {typeof(T).Name} to have a JSON name, fields and a text line, or none of them", nameof(json));
        if (text is null && (row || note != SweepNote.None))
            throw new ArgumentException($"SweepEventFormat: expected a text line for {typeof(T).Name}'s row or note, got none", nameof(text));
        return new SweepEventFormat(typeof(T), json)
        {
            Text = text is null ? null : (e, book) => text((T)e, book),
            Fields = fields is null ? null : (w, e, book) => fields(w, (T)e, book),
            Row = row,
            Note = note,
            Tick = tick,
            Board = board is null ? null : (b, e) => board(b, (T)e),
        };
    }
}
