using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Engine;

/// <summary>
/// Collects a part from a snapshot directory that every worker can read (a shared volume in
/// production). Every scan reads the same snapshot, so nothing is kept per scan.
/// </summary>
internal sealed class SnapshotCollector(string directory, Estate estate) : IPartCollector
{
    public Task<CollectedAccount> CollectAsync(string scanId, string accountId, CancellationToken cancellationToken)
    {
        var snapshot = SnapshotReader.ReadAccounts(directory, estate, new HashSet<string>(StringComparer.Ordinal) { accountId });
        return Task.FromResult(new CollectedAccount(snapshot.Resources, snapshot.Gaps, snapshot.CollectedAt, snapshot.Errors));
    }

    public IReadOnlyList<string> KeptScans() => [];

    public void Discard(string scanId)
    {
    }
}
