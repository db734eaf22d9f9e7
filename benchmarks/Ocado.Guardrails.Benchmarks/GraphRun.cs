using System.Diagnostics;
using System.Text.Json;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The principal graph alone, as the scan's pre-pass builds it (each account's IAM read in turn, then every
/// edge decided): its build time and the heap it holds once built, in a process of its own.
/// </summary>
internal static class GraphRun
{
    public static int Build(string snapshot)
    {
        var config = GuardrailsConfig.Load(Path.Combine(snapshot, "guardrails.yaml"));
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var reader = SnapshotReader.Open(snapshot, config.Estate);
        var builder = new PrincipalGraphBuilder(config.Estate, reader.CollectedAt ?? DateTimeOffset.UtcNow, reader.ReadOrganization().Organization);
        foreach (var account in reader.Accounts)
        {
            builder.AddAccount(reader.ReadIam(account).Resources);
        }
        var read = watch.Elapsed;
        process.Refresh();
        var readCpu = process.TotalProcessorTime - cpuBefore;
        var graph = builder.Build();
        var built = watch.Elapsed;
        process.Refresh();
        var builtCpu = process.TotalProcessorTime - cpuBefore;
        var held = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1048576.0;
        GC.KeepAlive(graph);
        Console.WriteLine(JsonSerializer.Serialize(new GraphResult(
            graph.Nodes.Count(n => n.IsPrincipal), graph.PermissionSets, graph.GroupCount, graph.EdgeCount,
            read.TotalSeconds, (built - read).TotalSeconds, readCpu.TotalSeconds, (builtCpu - readCpu).TotalSeconds, held)));
        return 0;
    }
}

/// <param name="ReadSeconds">Reading every account's IAM files and sharing the permission sets.</param>
/// <param name="EdgeSeconds">Deciding the edges and working out the chains to admin and from other customers.</param>
/// <param name="ReadCpuSeconds">The process's CPU time (user and system, every thread) while reading: wall time on a loaded machine says little.</param>
/// <param name="EdgeCpuSeconds">The process's CPU time while deciding the edges and working out the chains.</param>
/// <param name="HeldMegabytes">The heap the built graph holds (what the scan keeps for its whole run).</param>
internal sealed record GraphResult(int Principals, int PermissionSets, int Groups, int Edges, double ReadSeconds, double EdgeSeconds, double ReadCpuSeconds, double EdgeCpuSeconds, double HeldMegabytes);
