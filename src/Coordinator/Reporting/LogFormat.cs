namespace Troupe.Coordinator.Reporting;

/// <summary>How the coordinator writes its log: readable lines (fastai rows, one line per event) or JSON lines.</summary>
public enum LogFormat
{
    Text,
    Json,
}
