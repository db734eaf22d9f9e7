namespace Ocado.Guardrails.Benchmarks;

/// <summary>What the collector's process allocated and how often the runtime collected, so far; subtract two to get a night's.</summary>
internal readonly record struct GcCounts(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcCounts Now() =>
        new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcCounts operator -(GcCounts after, GcCounts before) =>
        new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    public override string ToString() =>
        $"{AllocatedBytes / 1e6:F0} MB allocated, collections gen0 {Gen0} gen1 {Gen1} gen2 {Gen2}, paused {Paused.TotalSeconds:F2} s, peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB";
}
