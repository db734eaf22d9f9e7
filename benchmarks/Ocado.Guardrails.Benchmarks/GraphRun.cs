using System.Diagnostics;
using System.Text.Json;
using Ocado.Guardrails.Rules.Estates;
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
    /// <summary>iam-role-chain-within-depth's default maxDepth.</summary>
    private const int RoleChainDepth = 3;

    /// <summary>The scan's pre-pass: every account's IAM read into the builder, the edges not yet decided.</summary>
    public static PrincipalGraphBuilder ReadIam(SnapshotReader reader, Estate estate)
    {
        var builder = new PrincipalGraphBuilder(estate, reader.CollectedAt ?? DateTimeOffset.UtcNow, reader.ReadOrganization().Organization);
        foreach (var account in reader.Accounts)
        {
            builder.AddAccount(reader.ReadIam(account).Resources);
        }
        return builder;
    }

    public static int Build(string snapshot)
    {
        var config = GuardrailsConfig.Load(Path.Combine(snapshot, "guardrails.yaml"));
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var reader = SnapshotReader.Open(snapshot, config.Estate);
        var builder = ReadIam(reader, config.Estate);
        var read = watch.Elapsed;
        process.Refresh();
        var readCpu = process.TotalProcessorTime - cpuBefore;
        var readAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var graph = builder.Build();
        var built = watch.Elapsed;
        process.Refresh();
        var builtCpu = process.TotalProcessorTime - cpuBefore;
        var builtAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var held = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1048576.0;
        // What iam-role-chain-within-depth asks at its default depth, of every principal, after the build (it searches lazily).
        var chainsStart = watch.Elapsed;
        process.Refresh();
        var chainsCpuBefore = process.TotalProcessorTime;
        var beyond = graph.Nodes.Where(n => n.IsPrincipal).Count(n => graph.RoleChainBeyond(n.Arn, RoleChainDepth) is not null);
        var chainsWall = watch.Elapsed - chainsStart;
        process.Refresh();
        var chainsCpu = process.TotalProcessorTime - chainsCpuBefore;
        GC.KeepAlive(graph);
        Console.WriteLine(JsonSerializer.Serialize(new GraphResult(
            graph.Nodes.Count(n => n.IsPrincipal), graph.PermissionSets, graph.GroupCount, graph.EdgeCount,
            read.TotalSeconds, (built - read).TotalSeconds, readCpu.TotalSeconds, (builtCpu - readCpu).TotalSeconds, held,
            chainsWall.TotalSeconds, chainsCpu.TotalSeconds, graph.RoleChainSearches, beyond,
            readAllocated / 1048576.0, (builtAllocated - readAllocated) / 1048576.0)));
        return 0;
    }
}

/// <param name="ReadSeconds">Reading every account's IAM files and sharing the permission sets.</param>
/// <param name="EdgeSeconds">Deciding the edges and working out the chains to admin and from other customers.</param>
/// <param name="ReadCpuSeconds">The process's CPU time (user and system, every thread) while reading: wall time on a loaded machine says little.</param>
/// <param name="EdgeCpuSeconds">The process's CPU time while deciding the edges and working out the chains.</param>
/// <param name="HeldMegabytes">The heap the built graph holds (what the scan keeps for its whole run).</param>
/// <param name="RoleChainSeconds">Asking every principal for a role chain beyond the default depth (iam-role-chain-within-depth's work).</param>
/// <param name="RoleChainCpuSeconds">The process's CPU time for it.</param>
/// <param name="RoleChainSearches">The searches it ran (principals sharing a permission set and no step of their own share one).</param>
/// <param name="RoleChainsBeyond">The principals with a role chain beyond the default depth.</param>
/// <param name="ReadAllocatedMegabytes">What the IAM read allocated (every thread), most of it garbage once read.</param>
/// <param name="EdgeAllocatedMegabytes">What deciding the edges and the chains allocated.</param>
internal sealed record GraphResult(int Principals, int PermissionSets, int Groups, int Edges, double ReadSeconds, double EdgeSeconds, double ReadCpuSeconds, double EdgeCpuSeconds, double HeldMegabytes,
    double RoleChainSeconds, double RoleChainCpuSeconds, int RoleChainSearches, int RoleChainsBeyond, double ReadAllocatedMegabytes, double EdgeAllocatedMegabytes);
