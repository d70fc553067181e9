namespace Troupe.Coordinator.Reporting.Live;

/// <summary>
/// Where the live view draws: a terminal (<see cref="SpectreLiveSurface"/>, one drawing thread) or a test's double.
/// Called from actor threads, so no member waits for drawing.
/// </summary>
internal interface ILiveSurface
{
    /// <summary>Table rows there is room for (the terminal's height less the bar and the notes).</summary>
    int MaxRows { get; }

    /// <summary>Shows <paramref name="frame"/> from now on; the latest frame wins.</summary>
    /// <exception cref="InvalidOperationException">Drawing failed earlier (the failure is the inner exception).</exception>
    void Show(LiveFrame frame);

    /// <summary>Adds a line under the table (the last few are shown). Never throws.</summary>
    void Note(LiveNote note);
}
