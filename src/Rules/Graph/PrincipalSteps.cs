using System.Collections.Immutable;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Spells out the graph's steps from one principal to another: a step stored once for a group (a
/// permission set's holders, an account's users or roles, the roles of one trust) becomes the step of
/// the principal on each side, with the same granting statement (and the trust statement of the role reached).
/// </summary>
internal static class PrincipalSteps
{
    /// <summary>The hops of a path of node ids, each with the stored edge into it (-1: a free step into or out of a group).</summary>
    public static List<PrincipalEdge> Hops(PrincipalTopology topology, PrincipalNode[] nodes, List<(int Node, int Edge)> path)
    {
        var hops = new List<PrincipalEdge>();
        for (var i = 1; i < path.Count; i++)
        {
            if (path[i].Edge < 0)
            {
                continue;
            }
            var edge = topology.Edge(path[i].Edge);
            // A step from a group leaves from the principal that stepped into it; a step into a group reaches the member stepped into next.
            var from = edge.From.IsGroup && i >= 2 ? nodes[path[i - 2].Node] : edge.From;
            var to = edge.To.IsGroup && i + 1 < path.Count ? nodes[path[i + 1].Node] : edge.To;
            hops.Add(Between(edge, from, to));
        }
        return hops;
    }

    /// <summary>Every step out of the principal: its own and its permission set's, a group's spelt out per member.</summary>
    public static ImmutableArray<PrincipalEdge> From(PrincipalTopology topology, PrincipalNode[] nodes, int principal)
    {
        var steps = new List<PrincipalEdge>();
        var sources = topology.HolderOf(principal) is >= 0 and var holder ? new[] { principal, holder } : [principal];
        foreach (var source in sources)
        {
            foreach (var id in topology.StoredOut(source))
            {
                var edge = topology.Edge(id);
                foreach (var target in edge.To.IsGroup ? topology.Members(edge.To.Index).ToArray() : [edge.To.Index])
                {
                    if (target != principal)
                    {
                        steps.Add(Between(edge, nodes[principal], nodes[target]));
                    }
                }
            }
        }
        return [.. steps.OrderBy(e => e.To.Index).ThenBy(e => e.Kind)];
    }

    /// <summary>Every step into the principal: into it and into its groups, a permission set's spelt out per holder.</summary>
    public static ImmutableArray<PrincipalEdge> To(PrincipalTopology topology, PrincipalNode[] nodes, int principal)
    {
        var steps = new List<PrincipalEdge>();
        foreach (var target in topology.GroupsOf(principal).Prepend(principal))
        {
            foreach (var id in topology.StoredIn(target))
            {
                var edge = topology.Edge(id);
                foreach (var source in edge.From.IsGroup ? topology.Members(edge.From.Index).ToArray() : [edge.From.Index])
                {
                    if (source != principal)
                    {
                        steps.Add(Between(edge, nodes[source], nodes[principal]));
                    }
                }
            }
        }
        return [.. steps.OrderBy(e => e.From.Index).ThenBy(e => e.Kind)];
    }

    /// <summary>The stored edge as the step between two principals: the trust statement is the reached role's own.</summary>
    private static PrincipalEdge Between(PrincipalEdge edge, PrincipalNode from, PrincipalNode to)
    {
        if (ReferenceEquals(edge.From, from) && ReferenceEquals(edge.To, to))
        {
            return edge;
        }
        var trust = edge.To.Kind == PrincipalNodeKind.TrustedRoles && edge.Trust is { } statement ? OfRole(statement, to) : edge.Trust;
        var grant = ReferenceEquals(edge.Grant, edge.Trust) ? trust! : edge.Grant;
        return edge with { From = from, To = to, Grant = grant, Trust = trust };
    }

    /// <summary>The same statement of another role's trust policy (the roles of a trust group hold the same text).</summary>
    private static PolicyStatement OfRole(PolicyStatement statement, PrincipalNode role) =>
        new()
        {
            Sid = statement.Sid, Index = statement.Index, PolicyName = $"the trust policy of {role.Arn[(role.Arn.LastIndexOf('/') + 1)..]}",
            Effect = statement.Effect, Actions = statement.Actions, NotActions = statement.NotActions, Resources = statement.Resources,
            NotResources = statement.NotResources, Principals = statement.Principals, NotPrincipals = statement.NotPrincipals,
            Conditions = statement.Conditions, Json = statement.Json, JsonIsValid = statement.JsonIsValid,
        };
}
