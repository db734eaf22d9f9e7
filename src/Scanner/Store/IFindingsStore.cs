using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The findings history: scans, the parts they are made of, each part's findings, and every
/// finding's standing across scans, keyed by (scope, rule id, resource ARN). SQLite embedded,
/// PostgreSQL for workers on several machines; both run the same SQL where they can.
/// Every write is idempotent: a job that runs twice leaves the same rows.
/// </summary>
internal interface IFindingsStore
{
    /// <summary>Creates the tables when they are missing; safe to call from many processes at once.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a scan and its parts, all pending. With a <see cref="NewScan.RequestKey"/> already
    /// recorded (a start job that ran twice), returns that scan instead of making another.
    /// </summary>
    Task<ScanRecord> BeginScanAsync(NewScan scan, CancellationToken cancellationToken);

    Task<ScanRecord?> FindScanAsync(string scanId, CancellationToken cancellationToken);

    Task<ScanRecord?> FindScanByRequestAsync(string requestKey, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the part's findings and marks it done, in one transaction. The scan's pending count
    /// drops only the first time a part is saved. Returns the parts still pending (0: the scan is
    /// ready to complete), or null when the scan had already completed and nothing was written.
    /// </summary>
    Task<int?> SavePartAsync(PartResult part, CancellationToken cancellationToken);

    /// <summary>
    /// Gives each finding of the scan its status (new, open, resolved, suppressed) and first-seen
    /// time from the scope's history, adds the findings resolved since, and closes the scan. Returns
    /// false when the scan had already been completed (a final job that ran twice changes nothing).
    /// </summary>
    Task<bool> CompleteScanAsync(string scanId, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>A scan's findings with their status, in rule then ARN order, and its parts' summaries.</summary>
    Task<StoredScan> ReadScanAsync(string scanId, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for the process that saved <paramref name="written"/>: its findings come back as it holds them, with
    /// the status and first-seen time the store gave each, rather than read again; the rest (resolved findings, other
    /// parts') are read.
    /// </summary>
    Task<StoredScan> ReadScanAsync(string scanId, PartResult? written, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="count"/> completed scans of the scope, oldest first.</summary>
    Task<IReadOnlyList<ScanTrendPoint>> TrendAsync(string scope, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Each customer's trend over the same scans as <see cref="TrendAsync"/>: per scan, the customer's
    /// findings by status (zeros in a scan where it had none), by customer id; only
    /// <paramref name="customer"/>'s when given, so that a customer's report is made of its own rows alone.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<ScanTrendPoint>>> CustomerTrendAsync(string scope, int count, string? customer, CancellationToken cancellationToken);

    /// <summary>
    /// The quota usage that completed scans counted in an account since <paramref name="since"/>, oldest
    /// first: the series a forecast is made from. Whatever the scope: a quota's usage is the account's.
    /// </summary>
    Task<IReadOnlyList<QuotaUsageSample>> QuotaUsageAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the delivery of a scan's digest to a channel: true the first time, false ever after, so that
    /// a digest is sent at most once however often the job that sends it runs.
    /// </summary>
    Task<bool> ClaimDeliveryAsync(string scanId, string channel, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records how a claimed delivery ended (the error never holds a secret: the sender masks it).</summary>
    Task FinishDeliveryAsync(string scanId, string channel, bool delivered, int attempts, string? error, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> DeliveriesAsync(string scanId, CancellationToken cancellationToken);

    /// <summary>Deletes scans that ended before <paramref name="before"/>, except each scope's newest, with their quota usage; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
