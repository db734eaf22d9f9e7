using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>What <see cref="ScanPipeline.EvaluateAccount"/> evaluates: an account's resources (or a part's), as of when.</summary>
internal sealed record AccountEvaluation
{
    /// <summary>The resources to evaluate.</summary>
    public required IReadOnlyList<Resource> Resources { get; init; }
    /// <summary>What rules may look up beyond the evaluated resource: the whole account, or its index when it is streamed.</summary>
    public required Inventory Inventory { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    /// <summary>The AWS organisation the accounts sit in, as the source read it (or why it could not).</summary>
    public OrganizationView Organization { get; init; } = OrganizationView.NotConfigured;
    /// <summary>The estate's network as the source read it, with what it could not read.</summary>
    public NetworkView Network { get; init; } = NetworkView.NotRead(RuleContext.NotCollected);
    /// <summary>The rules' clock: the snapshot's collection time, so that a re-scan judges alike.</summary>
    public required DateTimeOffset Now { get; init; }
    /// <summary>The waivers' clock: the scan's start, the same for every part.</summary>
    public required DateTimeOffset WaiversAsOf { get; init; }
    public bool IncludePasses { get; init; }
    /// <summary>
    /// The account's quota usage from earlier scans, attached to its quotas for forecasts; null without a
    /// store (then quotas carry no history, and the forecast rule skips rather than guesses).
    /// </summary>
    public IReadOnlyList<QuotaUsageSample>? QuotaHistory { get; init; }
    /// <summary>The estate-wide principal graph of the scan, built once before any account is judged.</summary>
    public PrincipalGraph Graph { get; init; } = PrincipalGraph.NotBuilt;
    /// <summary>Which gaps this evaluation reports (a part reports its own region's only).</summary>
    public Func<CoverageGap, bool> RecordsGap { get; init; } = static _ => true;
}
