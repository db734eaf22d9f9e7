using System.Diagnostics;
using System.Text.Json;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The yardstick the floor is measured against (issue 19: the floor within 2× of it): <c>JsonDocument.Parse</c> of
/// every JSON file of the snapshot, one after the other, in a process of its own — what reading costs when nothing is
/// made of what was read.
/// </summary>
internal static class ParseRun
{
    public static int Parse(string snapshot)
    {
        var watch = Stopwatch.StartNew();
        var files = 0;
        long bytes = 0;
        foreach (var path in Directory.EnumerateFiles(snapshot, "*.json", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            bytes += stream.Length;
            files++;
        }
        ChildRun.Report("parse", files, watch.Elapsed);
        Console.Error.WriteLine($"parsed {files:N0} files, {bytes / 1048576.0:N0} MB");
        return 0;
    }
}
