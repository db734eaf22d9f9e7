using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>Everything a rule may read besides the resource itself, for one rule in one scan.</summary>
/// <param name="KeepsMessages">Whether Pass and Skip messages are kept (and so formatted).</param>
public sealed record RuleContext(Estate Estate, Inventory Inventory, RuleParams Params, DateTimeOffset Now, bool KeepsMessages = true)
{
    /// <summary>The AWS organisation the estate sits in, as the scan read it (or why it could not).</summary>
    public OrganizationView Organization { get; init; } = OrganizationView.NotConfigured;
    /// <summary>The estate-wide principal graph of the scan; <see cref="PrincipalGraph.NotBuilt"/> when the scan built none.</summary>
    public PrincipalGraph Graph { get; init; } = PrincipalGraph.NotBuilt;

    /// <summary>The estate's network (every account's routes) as the scan read it, with what it could not read.</summary>
    public NetworkView Network { get; init; } = NetworkView.NotRead(NotCollected);

    /// <summary>Why a scan without a network view has none.</summary>
    public const string NotCollected = "the network (VPCs, route tables, transit gateways) was not collected";
}
