using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>What a snapshot directory holds: the resources, what could not be collected, and when it was taken.</summary>
internal sealed record Snapshot(
    IReadOnlyList<Resource> Resources,
    IReadOnlyList<CoverageGap> Gaps,
    DateTimeOffset? CollectedAt,
    IReadOnlyList<string> Errors)
{
    /// <summary>The AWS organisation the snapshot holds (or why it does not): the same for every account of it.</summary>
    public OrganizationView Organization { get; init; } = OrganizationView.NotConfigured;

    /// <summary>The estate's network (every account's routes), the same for every account of a scan; not collected unless read.</summary>
    public NetworkView Network { get; init; } = NetworkView.NotRead(RuleContext.NotCollected);

    /// <summary>The resources a scan judges: the AWS managed policies come along to be looked up, and are nobody's.</summary>
    public int JudgedCount => Resources.Count(r => r.AccountId != AuthorizationDetails.AwsAccount);
}
