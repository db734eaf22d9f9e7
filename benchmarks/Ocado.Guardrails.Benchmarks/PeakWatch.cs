using System.Globalization;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// What the full child's resident peak is made of (issue 19: ≤ 1 GiB): every 20 ms it reads the resident set and what
/// the collector said after its last collection, and keeps the sample with the most resident, with the stage it fell
/// in. <see cref="Describe"/> splits that peak into the collector's committed memory (its heap, fragmentation and the
/// rest: gen0 budget, free regions kept) and what lies outside it (code, the runtime, native libraries, SQLite).
/// </summary>
internal sealed class PeakWatch : IDisposable
{
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private Sample _peak;
    private string _stage = "starting";

    public PeakWatch() => _timer = new Timer(_ => Take(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));

    /// <summary>The stage the samples that follow belong to.</summary>
    public string Stage
    {
        set
        {
            lock (_lock)
            {
                _stage = value;
            }
        }
    }

    /// <summary>One sample: resident megabytes, and the collector's figures after its last collection.</summary>
    private readonly record struct Sample(long Resident, string Stage, long Committed, long Heap, long Fragmented, long Gen0, long Gen2, long Loh, int Index, bool Compacted);

    private void Take()
    {
        var resident = StageLog.Resident("VmRSS:");
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var generations = info.GenerationInfo;
        lock (_lock)
        {
            if (resident > _peak.Resident)
            {
                _peak = new Sample(resident, _stage, info.TotalCommittedBytes >> 20, info.HeapSizeBytes >> 20, info.FragmentedBytes >> 20,
                    generations[0].SizeAfterBytes >> 20, generations[2].SizeAfterBytes >> 20, generations[3].SizeAfterBytes >> 20, (int)info.Index, info.Compacted);
            }
        }
    }

    /// <summary>The peak's line: where it fell and what the collector held then.</summary>
    public string Describe()
    {
        Take();
        lock (_lock)
        {
            var p = _peak;
            return string.Create(CultureInfo.InvariantCulture,
                $"peak {p.Resident} MB resident while {p.Stage}: the collector {p.Committed} MB committed after its collection #{p.Index} ({(p.Compacted ? "compacting" : "not compacting")}), "
                + $"a heap of {p.Heap} MB ({p.Fragmented} MB of it free: gen0 {p.Gen0}, gen2 {p.Gen2}, large objects {p.Loh} MB); {p.Resident - p.Committed} MB resident beside what it committed");
        }
    }

    public void Dispose() => _timer.Dispose();
}
