using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Sources;

/// <summary>
/// Accounts read from a snapshot directory that every reader can see (a shared volume in production).
/// Each read opens the snapshot afresh, so that a long-running engine reads the snapshot as it is now,
/// not as it was at start; every scan reads the same directory, so nothing is kept per scan.
/// </summary>
internal sealed class SnapshotSource(string directory, Estate estate, InputLimits? limits = null) : IAccountSource
{
    public string Directory => directory;

    /// <summary>Every account the snapshot has a folder or a recorded gap for, and every account of the estate.</summary>
    public IReadOnlyList<string> Accounts() => SnapshotReader.Open(directory, estate, limits).Accounts;

    public Task<Snapshot> ReadAsync(string scanId, string accountId, CancellationToken cancellationToken) =>
        Task.Run(() => SnapshotReader.Open(directory, estate, limits).ReadAccount(accountId), cancellationToken);

    public Task<Snapshot?> ReadIamAsync(string scanId, string accountId, CancellationToken cancellationToken) =>
        Task.Run<Snapshot?>(() => SnapshotReader.Open(directory, estate, limits).ReadIam(accountId), cancellationToken);

    public IReadOnlyList<string> KeptScans() => [];

    public void Discard(string scanId)
    {
    }
}
