using System.Globalization;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Waivers;

/// <summary>
/// A reviewed exception from guardrails.yaml: a rule's Fail on the matching resources is Suppressed
/// (listed, not hidden) until <see cref="Expires"/>. Patterns take <c>*</c> (any run of characters)
/// and <c>?</c> (one character); a waiver names an account, a resource, or both (then both must match).
/// </summary>
public sealed record Waiver
{
    /// <summary>The rule id, or a pattern of rule ids (<c>tagging-*</c>).</summary>
    public required string Rule { get; init; }

    /// <summary>A 12-digit account id or a pattern of them; null when the waiver names resources only.</summary>
    public string? Account { get; init; }

    /// <summary>A resource ARN or a pattern of ARNs; null when the waiver names an account only.</summary>
    public string? Resource { get; init; }

    public required string Reason { get; init; }

    /// <summary>Who answers for the exception and renews it.</summary>
    public required string Owner { get; init; }

    /// <summary>The last day (UTC) on which the waiver holds.</summary>
    public required DateOnly Expires { get; init; }

    /// <summary>
    /// The first instant at which the waiver no longer holds: the end of its last day in UTC, so that
    /// "expires: 2027-03-31" covers the whole of that day wherever the scan runs.
    /// </summary>
    public DateTimeOffset ExpiresAt => new(Expires.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public bool HoldsAt(DateTimeOffset now) => now < ExpiresAt;

    public bool Matches(Finding finding) =>
        Wildcard.Matches(Rule, finding.RuleId, ignoreCase: false)
        && (Account is null || Wildcard.Matches(Account, finding.AccountId, ignoreCase: false))
        && (Resource is null || Wildcard.Matches(Resource, finding.ResourceArn, ignoreCase: false));

    /// <summary>
    /// Whether the waiver could match a finding of one of these accounts: its account pattern does,
    /// or its resource pattern's account field does (an S3 bucket's ARN has none, so it always could).
    /// A scan of one customer reports as stale only the waivers that concern that customer.
    /// </summary>
    public bool Concerns(IEnumerable<string> accounts)
    {
        var resourceAccount = Resource?.Split(':') is { Length: > 4 } parts ? parts[4] : "";
        return accounts.Any(account =>
            (Account is null || Wildcard.Matches(Account, account, ignoreCase: false))
            && (resourceAccount.Length == 0 || Wildcard.Matches(resourceAccount, account, ignoreCase: false)));
    }

    /// <summary>How the waiver is named to people: rule and what it covers.</summary>
    public string Describe() =>
        $"{Rule} on {string.Join(" ", new[] { Account is null ? null : "account " + Account, Resource }.Where(p => p is not null))}";

    public string ExpiresText => Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
