using System.Diagnostics;
using System.Text;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The full child's stages on standard error, each line with the process's CPU time and allocation so far, so that a
/// run says what each stage (graph, judging, history, reports) cost without a profiler. The parent reads standard output only.
/// </summary>
internal sealed class StageLog : TextWriter
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>Told each stage, so that the peak is placed in the stage it fell in.</summary>
    public PeakWatch Peaks { get; } = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        var heap = GC.GetGCMemoryInfo(GCKind.Any);
        Console.Error.WriteLine(FormattableString.Invariant(
            $"[{_watch.Elapsed.TotalSeconds,6:F1} s, {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,6:F1} s CPU, {GC.GetTotalAllocatedBytes() / 1048576.0,8:F0} MB allocated, {GC.CollectionCount(0)} gen0 / {GC.CollectionCount(2)} gen2 (paused {GC.GetTotalPauseDuration().TotalSeconds:F1} s), {Resident("VmRSS:")} MB resident, {Resident("VmHWM:")} MB peak, heap {heap.HeapSizeBytes >> 20} MB ({heap.FragmentedBytes >> 20} free), {heap.TotalCommittedBytes >> 20} MB committed] {value}"));
        Peaks.Stage = value ?? "";
    }

    /// <summary>A figure of /proc/self/status in megabytes (VmRSS: now, VmHWM: the peak so far).</summary>
    public static long Resident(string field) =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024
            : 0;

    public void Stage(string message) => WriteLine(message);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Peaks.Dispose();
        }
        base.Dispose(disposing);
    }
}
