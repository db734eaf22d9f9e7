namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>
/// Progress of long work on standard error: a live line when a person watches, plain timestamped
/// lines when the output goes to a log. Standard output carries only the results.
/// </summary>
internal sealed class ScanProgress(TextWriter writer, bool interactive, bool quiet = false)
{
    public static ScanProgress ForConsole(bool quiet) => new(Console.Error, !Console.IsErrorRedirected, quiet);

    public void Stage(string message)
    {
        if (!quiet)
        {
            Write($"{message}", endLine: true);
        }
    }

    public void Warning(string message) => Write($"warning: {message}", endLine: true);

    public void Evaluated(int done, int total)
    {
        if (!quiet && interactive)
        {
            Write($"evaluated {done:N0}/{total:N0} resources", endLine: false);
        }
    }

    private void Write(string message, bool endLine)
    {
        lock (writer)
        {
            if (interactive)
            {
                writer.Write("\r\u001b[2K" + message + (endLine ? Environment.NewLine : ""));
            }
            else if (endLine)
            {
                writer.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {message}");
            }
            writer.Flush();
        }
    }
}
