namespace Troupe.Training.Learning;

/// <summary>Prints fastai's results table to a writer: the header when the fit starts, one row per epoch.</summary>
public sealed class ConsoleProgressSink(TextWriter writer) : IProgressSink
{
    private ProgressTable? table;

    public void OnFitStart(IReadOnlyList<string> columns, int epochs)
    {
        table = new ProgressTable(columns);
        writer.WriteLine(table.Header());
        writer.Flush();
    }

    public void OnBatch(BatchProgress progress)
    {
    }

    public void OnEpoch(EpochRecord record)
    {
        if (table is null) return;
        writer.WriteLine(table.Row(record));
        writer.Flush();
    }

    public void OnFitEnd(bool cancelled)
    {
        if (cancelled) writer.WriteLine("(fit cancelled)");
        writer.Flush();
    }
}
