using System.Diagnostics;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Scanner.Sources;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// The pre-pass of a scan: every account's IAM entities read ahead into the estate-wide <see cref="PrincipalGraph"/>
/// that every account's rules then share. Only what the edges need is kept of each account (principals with identical
/// policies share one permission set), so the pre-pass holds a few accounts' IAM at a time and then the graph.
/// </summary>
internal static class PrincipalGraphStage
{
    public static async Task<PrincipalGraph> BuildAsync(
        IAccountSource source, string scanId, IEnumerable<string> accounts, Estate estate, DateTimeOffset fallbackNow, ScanProgress progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // What the graph holds once built is what the scan keeps for its whole run: measured, and said.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var read = accounts.Distinct().Order(StringComparer.Ordinal).ToList();
        // Reading and preparing an account is one thread: from a snapshot, as many accounts at once as there are cores.
        // A live source collects one account at a time.
        var ahead = source is SnapshotSource ? Environment.ProcessorCount : 1;
        if (await ReadAsync(source, scanId, read, estate, fallbackNow, ahead, cancellationToken) is not { } builder)
        {
            progress.Stage("the principal graph is not built: this source reads each account whole, when it is judged");
            return PrincipalGraph.NotBuilt;
        }
        var graph = builder.Build();
        var held = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (1024.0 * 1024);
        progress.Stage($"built the principal graph of {read.Count} accounts in {watch.Elapsed.TotalSeconds:F1} s: " +
            $"{graph.Nodes.Count(n => n.IsPrincipal):N0} principals sharing {graph.PermissionSets:N0} permission sets, {graph.GroupCount:N0} groups, {graph.EdgeCount:N0} edges, {held:F1} MB held");
        return graph;
    }

    /// <summary>
    /// Every account's IAM read into a builder, in the order given; null when the source reads each account whole.
    /// <paramref name="ahead"/> accounts are read and prepared at once, each added when those before it are, so the graph
    /// is the one a single thread builds; at most <paramref name="ahead"/> + 1 accounts' IAM are held.
    /// </summary>
    public static async Task<PrincipalGraphBuilder?> ReadAsync(
        IAccountSource source, string scanId, IReadOnlyList<string> accounts, Estate estate, DateTimeOffset fallbackNow, int ahead, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ahead, 1);
        if (accounts.Count == 0)
        {
            return new PrincipalGraphBuilder(estate, fallbackNow);
        }
        // As the rules judge: as of the snapshot's collection, which the first account's read gives.
        var made = new TaskCompletionSource<PrincipalGraphBuilder>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<PrincipalGraphBuilder.PreparedAccount?> PrepareAsync(int index)
        {
            try
            {
                if (await source.ReadIamAsync(scanId, accounts[index], cancellationToken) is not { } iam)
                {
                    return null;
                }
                if (index == 0)
                {
                    made.SetResult(new PrincipalGraphBuilder(estate, iam.CollectedAt ?? fallbackNow, iam.Organization.Organization));
                }
                return (await made.Task).Prepare(iam.Resources);
            }
            finally
            {
                // The first account unread (null, or a failure it throws): the accounts read beside it wait for no builder.
                if (index == 0)
                {
                    made.TrySetCanceled(CancellationToken.None);
                }
            }
        }
        var pending = new Queue<Task<PrincipalGraphBuilder.PreparedAccount?>>();
        var started = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            while (pending.Count < ahead && started < accounts.Count)
            {
                pending.Enqueue(PrepareAsync(started++));
            }
            if (await pending.Dequeue() is not { } prepared)
            {
                return null;
            }
            (await made.Task).Add(prepared);
        }
        return await made.Task;
    }
}
