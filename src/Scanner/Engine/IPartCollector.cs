namespace Ocado.Guardrails.Scanner.Engine;

/// <summary>
/// Where a part of a scan gets its data: a snapshot directory (<see cref="SnapshotCollector"/>) or
/// live AWS (<see cref="LiveCollector"/>).
/// </summary>
internal interface IPartCollector
{
    /// <summary>
    /// The account's resources and gaps. A part judges only its region's resources but rules look
    /// things up across the account (a role's policies, quota usage), so the whole account is returned.
    /// </summary>
    Task<CollectedAccount> CollectAsync(string accountId, CancellationToken cancellationToken);
}
