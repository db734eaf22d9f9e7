using System.Runtime.CompilerServices;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The tag grants of the resource-based policies of an account (a bucket policy that admits
/// <c>aws:PrincipalTag/customer</c> = acme, a key policy on <c>aws:ResourceTag</c>): read once per inventory, then
/// filtered by whom each statement's Principal reaches. A policy that cannot be read is named, never a crash.
/// </summary>
internal static class AbacResourceGrants
{
    /// <param name="Grants">Every grant, in the order its policies were read.</param>
    /// <param name="WhoOf">For each grant, the index of its statement's Principal block among <paramref name="Whos"/>.</param>
    /// <param name="Whos">A statement of each distinct Principal/NotPrincipal block: most policies of an account name the same few.</param>
    private sealed record Found(IReadOnlyList<AbacGrant> Grants, int[] WhoOf, IReadOnlyList<PolicyStatement> Whos, IReadOnlyList<string> NotRead);

    // Every principal of an account asks about the same policies: read them once per inventory.
    private static readonly ConditionalWeakTable<Inventory, Found> Known = new();

    /// <summary>The grants of the account's resource policies that reach <paramref name="caller"/>, and the policies that could not be read.</summary>
    public static (IReadOnlyList<AbacGrant> Grants, IReadOnlyList<string> NotRead) For(RequestPrincipal caller, Inventory inventory)
    {
        var found = Engine.SharedData.GetValue(Known, inventory, Read);
        if (found.Grants.Count == 0)
        {
            return ([], found.NotRead);
        }
        // Whom a statement reaches depends on its Principal block alone: asked once per block, not once per grant.
        var reaches = found.Whos.Select(s => RequestMatch.Principal(s, caller) != PrincipalMatch.None).ToArray();
        return ([.. found.Grants.Where((_, i) => reaches[found.WhoOf[i]])], found.NotRead);
    }

    /// <summary>The resource's policy, or null when it has none or it cannot be read (then named in <paramref name="notRead"/>).</summary>
    public static PolicyDocument? PolicyOf(Resource resource, ICollection<string> notRead)
    {
        // A role's trust policy governs sts:AssumeRole only; IAM entities have no other resource policy.
        if (resource.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return ResourcePolicies.Of(resource);
        }
        catch (FormatException)
        {
            notRead.Add($"the policy of {resource.Arn} (unreadable)");
            return null;
        }
    }

    private static Found Read(Inventory inventory)
    {
        var grants = new List<AbacGrant>();
        var notRead = new List<string>();
        foreach (var resource in inventory.All)
        {
            if (PolicyOf(resource, notRead) is { } policy)
            {
                grants.AddRange(AbacGrant.In([policy]));
            }
        }
        var whos = new List<PolicyStatement>();
        var blocks = new Dictionary<string, int>(StringComparer.Ordinal);
        var whoOf = new int[grants.Count];
        for (var i = 0; i < grants.Count; i++)
        {
            var statement = grants[i].Statement;
            var block = string.Join('\n', statement.Principals.Select(p => $"{p.Type}={p.Value}")) + "\nnot:\n" + string.Join('\n', statement.NotPrincipals.Select(p => $"{p.Type}={p.Value}"));
            if (!blocks.TryGetValue(block, out whoOf[i]))
            {
                whoOf[i] = blocks[block] = whos.Count;
                whos.Add(statement);
            }
        }
        return new Found(grants, whoOf, whos, notRead);
    }
}
