namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One way AWS lets a resource be reached from another account: what it is, how a scan collects it, and
/// which rule judges it. A way with no collection or no rule is named in every report as not checked.
/// </summary>
/// <param name="Name">What it is, in the reader's words ("S3 bucket policies").</param>
/// <param name="ResourceType">The CloudFormation type judged; null where AWS has none (the Glue Data Catalog's policy).</param>
/// <param name="CollectedFrom">Where the scan reads it (AWS Config's field, a snapshot file); null when it is not collected.</param>
/// <param name="RuleId">The rule that judges it; null when none does.</param>
/// <param name="Note">Why it is not collected or not judged, when it is not.</param>
public sealed record SharingType(string Name, string? ResourceType, string? CollectedFrom, string? RuleId, string? Note = null)
{
    /// <summary>Both collected and judged by a rule of the catalog (whether that rule ran is the scan's matter).</summary>
    public bool IsCovered => CollectedFrom is not null && RuleId is not null;
}
