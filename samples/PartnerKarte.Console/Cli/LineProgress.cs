namespace PartnerKarte.Console.Cli;

/// <summary>
/// Writes each progress report as one line (<c>--progress-lines</c>), in the reporting thread, so a line means the reported
/// step is done (a committed batch): tests that kill the child process wait on these lines. Then passes the report on.
/// </summary>
/// <typeparam name="T">The progress type.</typeparam>
internal sealed class LineProgress<T>(TextWriter writer, Func<T, string> format, Action<T> next) : IProgress<T>
{
    private readonly Lock gate = new();

    public void Report(T value)
    {
        lock (gate)
        {
            writer.WriteLine(format(value));
            writer.Flush();
        }

        next(value);
    }
}
