namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Writes a file under a temporary name beside it and renames it into place only when complete (a rename
/// within a directory is atomic): a scan that fails half-way leaves the previous file or none, never a
/// truncated findings.json that a pipeline would read as "fewer findings" (issue 13).
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                // On disk before the rename, so that a crash right after it leaves the whole file, not an empty one.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
