namespace Ocado.Guardrails.Rules.Findings;

/// <summary>
/// One verdict of one rule on one resource, as findings.json and every report carry it.
/// Its identity across scans is (<see cref="RuleId"/>, <see cref="ResourceArn"/>).
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required string Family { get; init; }
    public required Severity Severity { get; init; }
    public required Verdict Verdict { get; init; }
    public required string ResourceArn { get; init; }
    public required string ResourceType { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    /// <summary>The id of the customer that owns the account; null for platform and unknown accounts.</summary>
    public string? Customer { get; init; }
    public required string Message { get; init; }
    /// <summary>Set when the scan was recorded in a findings store; null for a scan with no history.</summary>
    public FindingStatus? Status { get; init; }
    /// <summary>When the store first saw this finding failing; null without a store.</summary>
    public DateTimeOffset? FirstSeen { get; init; }
    /// <summary>The resource's tags when it was judged, for the reports' resource pages; null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    /// <summary>
    /// What the verdict rests on, as JSON text (<see cref="Rules.Evidence.ToJson"/>): the policy statements at
    /// fault as written with their index and Sid, the tags or the values compared, secrets masked. Untrusted
    /// (a statement is AWS's text): every report shows it escaped. Null when the rule gave none.
    /// </summary>
    public string? Evidence { get; init; }
    /// <summary>Where the resource is written, for a finding about a file (a template); null for a deployed resource.</summary>
    public SourceLocation? Location { get; init; }
}
