using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>What one channel is told after an audit: only what changed or needs acting on, in its scope.</summary>
internal sealed record Digest
{
    public const string ForecastRule = "quotas-forecast-exhaustion";

    public required string ScanId { get; init; }
    public required string Scope { get; init; }
    public required string ReportLink { get; init; }
    public required IReadOnlyList<Finding> NewFailures { get; init; }
    public required IReadOnlyList<Finding> Resolved { get; init; }
    public required IReadOnlyList<Waiver> ExpiringWaivers { get; init; }
    public required IReadOnlyList<Finding> Forecasts { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }

    public bool IsEmpty => NewFailures.Count + Resolved.Count + ExpiringWaivers.Count + Forecasts.Count + Gaps.Count == 0;

    /// <summary>
    /// The digest of <paramref name="scan"/> for <paramref name="channel"/>. A customer's channel keeps its
    /// customer's accounts only (by account, not by the finding's customer label, so that nothing of
    /// another customer's can slip through a mislabelled finding).
    /// </summary>
    public static Digest For(ScanResult scan, GuardrailsConfig config, NotificationChannel channel, string reportLink, IReadOnlyCollection<CoverageGap> earlierGaps)
    {
        var accounts = channel.Customer is { } customer ? config.ScannedAccounts(customer) : null;
        bool InScope(string accountId) => accounts is null || accounts.Contains(accountId);
        var findings = scan.Findings.Where(f => InScope(f.AccountId)).ToList();
        var waiverHorizon = scan.StartedAt.AddDays(config.Notifications.WaiverDays);
        return new Digest
        {
            ScanId = scan.ScanId,
            Scope = channel.Customer ?? "the estate",
            ReportLink = reportLink,
            NewFailures = Masked(findings.Where(f => f.Verdict == Verdict.Fail && f.Status == FindingStatus.New && f.Severity >= channel.MinSeverity && f.RuleId != ForecastRule)),
            Resolved = Masked(findings.Where(f => f.Status == FindingStatus.Resolved && f.Severity >= channel.MinSeverity)),
            Forecasts = Masked(findings.Where(f => f.Verdict == Verdict.Fail && f.RuleId == ForecastRule)),
            // A waiver naming resources only (no account) says nothing of whose they are: a customer's channel is not told of it.
            ExpiringWaivers = [.. config.Waivers.Where(w => w.HoldsAt(scan.StartedAt) && w.ExpiresAt <= waiverHorizon
                && (accounts is null || (w.Account is { } account && accounts.Contains(account))))],
            Gaps = [.. scan.Gaps.Where(g => InScope(g.AccountId) && !earlierGaps.Contains(g)).Select(g => g with { Reason = SecretMask.Text(g.Reason) })],
        };
    }

    /// <summary>
    /// The findings with secret-shaped runs of their messages masked: a digest leaves the estate (a chat
    /// channel, a mailbox), and a rule's message may quote what it found, a tag's value say.
    /// </summary>
    private static List<Finding> Masked(IEnumerable<Finding> findings) => [.. findings.Select(f => f with { Message = SecretMask.Text(f.Message) })];
}
