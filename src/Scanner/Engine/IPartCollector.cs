namespace Ocado.Guardrails.Scanner.Engine;

/// <summary>
/// Where a part of a scan gets its data: a snapshot directory (<see cref="SnapshotCollector"/>) or
/// live AWS (<see cref="LiveCollector"/>).
/// </summary>
internal interface IPartCollector
{
    /// <summary>
    /// The account's resources and gaps as of the scan. A part judges only its region's resources but
    /// rules look things up across the account (a role's policies, quota usage), so the whole account
    /// is returned; the other parts of the scan get the same account.
    /// </summary>
    Task<CollectedAccount> CollectAsync(string scanId, string accountId, CancellationToken cancellationToken);

    /// <summary>The scans this machine keeps collected data for, until <see cref="Discard"/>.</summary>
    IReadOnlyList<string> KeptScans();

    /// <summary>Removes what this machine keeps for the scan: called when the scan has ended.</summary>
    void Discard(string scanId);
}
