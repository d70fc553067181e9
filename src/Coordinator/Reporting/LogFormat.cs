namespace Troupe.Coordinator.Reporting;

/// <summary>
/// How the coordinator writes its log: readable lines (fastai rows, one line per event), JSON lines, or a live
/// table of trials with a progress bar redrawn in place (only on a terminal a person watches; see
/// <see cref="LogFormatChoice"/>).
/// </summary>
public enum LogFormat
{
    Text,
    Json,
    Live,
}
