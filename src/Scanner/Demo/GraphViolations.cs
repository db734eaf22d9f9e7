using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The chains of the demo as the graph rules find them. The chain of <see cref="GraphPlant"/> is planted on
/// purpose; the others follow from violations planted for other rules (a role trusting another customer's
/// account whose administrators may assume anything, a power user that may assume a role trusting its own
/// account), so they are listed as derived, with the chain that makes them, read back from the written
/// snapshot's IAM as a scan reads it. The planted chain is also the demo's role chain longer than the default depth.
/// </summary>
internal static class GraphViolations
{
    /// <summary>The transitive rule's default maxHops.</summary>
    private const int MaxHops = 5;

    /// <summary>The role-chain rule's default maxDepth.</summary>
    private const int MaxDepth = 3;

    private static readonly string[] Planted = [GraphPlant.Start, GraphPlant.Access, GraphPlant.ReleaseManager, GraphPlant.Bridge];

    public static IEnumerable<DemoViolation> Derive(string directory, DemoLayout layout)
    {
        var estate = new Estate(
            [.. layout.Customers.Select(c => new Customer(c.Id, c.Name, [.. c.Accounts.Select(a => a.Id)]))], [layout.Platform.Id], DemoLayout.Regions);
        var reader = SnapshotReader.Open(directory, estate);
        var builder = new PrincipalGraphBuilder(estate, DemoLayout.CollectedAt, reader.ReadOrganization().Organization);
        foreach (var account in layout.Collected.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            builder.AddAccount(reader.ReadIam(account.Id).Resources);
        }
        var graph = builder.Build();
        foreach (var node in graph.Nodes.Where(n => n.Kind is PrincipalNodeKind.User or PrincipalNodeKind.Role))
        {
            var how = Planted.Any(name => node.Arn.EndsWith("/" + name, StringComparison.Ordinal)) ? "planted chain" : "derived from other planted violations";
            if (estate.CustomerOf(node.AccountId) is not null && graph.ChainFromAnotherCustomer(node.Arn) is { } foreign)
            {
                yield return new DemoViolation(RuleIds.CrossCustomerChain, node.Arn, $"{how}: {foreign.Describe()}");
            }
            if (graph.ChainToAdmin(node.Arn) is { Hops.Count: > 0 and <= MaxHops } chain)
            {
                yield return new DemoViolation(RuleIds.TransitiveEscalation, node.Arn, $"{how}: {chain.Describe()}");
            }
            if (graph.RoleChainBeyond(node.Arn, MaxDepth) is { } deep)
            {
                yield return new DemoViolation(RuleIds.RoleChainDepth, node.Arn, $"{how}: {deep.Hops.Count} sts:AssumeRole hops: {deep.Describe()}");
            }
        }
    }
}
