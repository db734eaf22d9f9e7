namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Progress of long work on standard error: a live line when a person watches, plain timestamped
/// lines when the output goes to a log. Standard output carries only the results.
/// </summary>
internal sealed class ScanProgress(TextWriter writer, bool interactive, bool quiet = false, TimeProvider? time = null)
{
    public static ScanProgress ForConsole(bool quiet) => new(Console.Error, !Console.IsErrorRedirected, quiet);

    /// <summary>For the stages the engine's jobs run: they log through Hangfire's logger instead.</summary>
    public static ScanProgress Silent { get; } = new(TextWriter.Null, interactive: false, quiet: true);

    public void Stage(string message)
    {
        if (!quiet)
        {
            Write($"{message}", endLine: true);
        }
    }

    public void Warning(string message) => Write($"warning: {message}", endLine: true);

    /// <summary>
    /// An account read and judged: a live line when watched; in a log, a line at every tenth of the
    /// accounts, so that a 500-account scan neither floods the log nor goes quiet.
    /// </summary>
    public void AccountDone(int done, int total, long resources)
    {
        if (quiet)
        {
            return;
        }
        var message = $"scanned {done:N0}/{total:N0} accounts, {resources:N0} resources";
        if (interactive)
        {
            Write(message, endLine: false);
        }
        else if (done * 10 / total != (done - 1) * 10 / total)
        {
            Write(message, endLine: true);
        }
    }

    private void Write(string message, bool endLine)
    {
        // Warnings quote file names and what AWS wrote: only this class's own escape codes reach the terminal.
        message = ConsoleText.Printable(message);
        lock (writer)
        {
            if (interactive)
            {
                writer.Write("\r\u001b[2K" + message + (endLine ? Environment.NewLine : ""));
            }
            else if (endLine)
            {
                writer.WriteLine($"{(time ?? TimeProvider.System).GetUtcNow():HH:mm:ss} {message}");
            }
            writer.Flush();
        }
    }
}
