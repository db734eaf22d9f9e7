using System.Diagnostics;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Scanner.Sources;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// The pre-pass of a scan: every account's IAM entities read ahead, one account at a time, into the
/// estate-wide <see cref="PrincipalGraph"/> that every account's rules then share. Only what the edges
/// need is kept of each account (principals with identical policies share one permission set), so the
/// pre-pass holds one account's IAM at a time and then the graph.
/// </summary>
internal static class PrincipalGraphStage
{
    public static async Task<PrincipalGraph> BuildAsync(
        IAccountSource source, string scanId, IEnumerable<string> accounts, Estate estate, DateTimeOffset fallbackNow, ScanProgress progress, GarbageBound garbage, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // What the graph holds once built is what the scan keeps for its whole run: measured, and said.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var read = accounts.Distinct().Order(StringComparer.Ordinal).ToList();
        PrincipalGraphBuilder? builder = null;
        foreach (var account in read)
        {
            if (await source.ReadIamAsync(scanId, account, cancellationToken) is not { } iam)
            {
                progress.Stage("the principal graph is not built: this source reads each account whole, when it is judged");
                return PrincipalGraph.NotBuilt;
            }
            // As the rules judge: as of the snapshot's collection.
            builder ??= new PrincipalGraphBuilder(estate, iam.CollectedAt ?? fallbackNow, iam.Organization.Organization);
            builder.AddAccount(iam.Resources);
        }
        var graph = (builder ?? new PrincipalGraphBuilder(estate, fallbackNow)).Build();
        // One compacting collection frees the building's garbage (gigabytes at a million resources) before judging, and
        // counts as judging's first (GarbageBound): GC.GetTotalMemory(true) made two more, blocking, over the same heap.
        garbage.Collect();
        var held = (garbage.HeldAfterCollection - heapBefore) / (1024.0 * 1024);
        progress.Stage($"built the principal graph of {read.Count} accounts in {watch.Elapsed.TotalSeconds:F1} s: " +
            $"{graph.Nodes.Count(n => n.IsPrincipal):N0} principals sharing {graph.PermissionSets:N0} permission sets, {graph.GroupCount:N0} groups, {graph.EdgeCount:N0} edges, {held:F1} MB held");
        return graph;
    }
}
