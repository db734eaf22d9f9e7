using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Sources;

/// <summary>
/// Where a scan gets an account's data: a snapshot directory (<see cref="SnapshotSource"/>) or live AWS
/// (<see cref="LiveSource"/>). <c>scan</c>, <c>audit</c> and the Hangfire parts all read accounts through it.
/// </summary>
internal interface IAccountSource
{
    /// <summary>
    /// The account's resources and gaps as of the scan. A part judges only its region's resources but
    /// rules look things up across the account (a role's policies, quota usage), so the whole account
    /// is returned; the other parts of the scan get the same account.
    /// </summary>
    Task<Snapshot> ReadAsync(string scanId, string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Only the account's IAM entities (users, groups, roles, policies), read ahead of the scan so that
    /// the estate-wide principal graph can be built before any account is judged; null when the source
    /// cannot read them ahead (then the graph rules say NotAssessed).
    /// </summary>
    Task<Snapshot?> ReadIamAsync(string scanId, string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// The estate's network across every account (<see cref="NetworkFiles"/>): a path between customers crosses their
    /// accounts and the hub's, so it is read whole, like the principal graph, before an account's VPCs are judged.
    /// The same for every part of the scan that reads the same data.
    /// </summary>
    Task<NetworkView> ReadNetworkAsync(string scanId, CancellationToken cancellationToken);

    /// <summary>The scans this machine keeps data for, until <see cref="Discard"/>.</summary>
    IReadOnlyList<string> KeptScans();

    /// <summary>Removes what this machine keeps for the scan: called when the scan has ended.</summary>
    void Discard(string scanId);
}
