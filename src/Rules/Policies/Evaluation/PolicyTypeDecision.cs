namespace Ocado.Guardrails.Rules.Policies;

/// <summary>What one policy type says about a request.</summary>
public enum PolicyVerdict
{
    /// <summary>The policy type does not take part (no boundary set, an SCP for the management account...).</summary>
    NotApplicable,
    Allowed,
    /// <summary>Nothing allows it: without another grant the request is denied.</summary>
    ImplicitlyDenied,
    /// <summary>A Deny statement applies: nothing can allow it.</summary>
    ExplicitlyDenied,
}

/// <summary>
/// The answer of one policy type (identity, resource-based, permissions boundary, SCP, RCP) to one
/// request, with the statements that decided it. <see cref="Uncertain"/> says that a condition we could not
/// judge might change it: an Allow that may not hold, or a Deny that may.
/// </summary>
public sealed record PolicyTypeDecision(string PolicyType, PolicyVerdict Verdict, bool Uncertain, IReadOnlyList<PolicyStatement> Deciding, string Reason)
{
    public static PolicyTypeDecision NotApplicable(string policyType, string reason) => new(policyType, PolicyVerdict.NotApplicable, false, [], reason);

    /// <summary>
    /// One set of policies judged as AWS judges one policy type: a Deny that applies wins, else an Allow
    /// that applies allows, else the request is implicitly denied.
    /// </summary>
    internal static PolicyTypeDecision Judge(string policyType, IEnumerable<PolicyStatement> statements, RequestContext request, RequestPrincipal? who)
    {
        // Made only when a statement goes in one: most questions meet few statements that apply (the graph and the
        // rules ask millions), and three lists for each were most of what a decision allocated.
        List<PolicyStatement>? allows = null, maybeAllows = null, maybeDenies = null;
        foreach (var statement in statements)
        {
            var applies = RequestMatch.Applies(statement, request, who);
            if (applies == false)
            {
                continue;
            }
            if (!statement.IsAllow && applies == true)
            {
                return new(policyType, PolicyVerdict.ExplicitlyDenied, false, [statement], $"denied by {statement.Label}");
            }
            (statement.IsAllow ? applies == true ? allows ??= [] : maybeAllows ??= [] : maybeDenies ??= []).Add(statement);
        }
        var uncertainDeny = maybeDenies is not null;
        if (allows is not null)
        {
            return new(policyType, PolicyVerdict.Allowed, uncertainDeny, Joined(allows, maybeDenies), $"allowed by {Labels(allows)}{Unless(maybeDenies)}");
        }
        if (maybeAllows is not null)
        {
            return new(policyType, PolicyVerdict.Allowed, true, Joined(maybeAllows, maybeDenies), $"allowed by {Labels(maybeAllows)} under conditions we cannot judge{Unless(maybeDenies)}");
        }
        return new(policyType, PolicyVerdict.ImplicitlyDenied, false, [], "no statement allows it");
    }

    /// <summary>The allowing statements, then the denials that may apply.</summary>
    private static IReadOnlyList<PolicyStatement> Joined(List<PolicyStatement> allowing, List<PolicyStatement>? denying) =>
        denying is null ? [.. allowing] : [.. allowing, .. denying];

    private static string Labels(List<PolicyStatement> statements) =>
        statements.Count == 1 ? statements[0].Label : string.Join(", ", statements.ConvertAll(s => s.Label));

    private static string Unless(List<PolicyStatement>? denies) => denies is null ? "" : $", unless {Labels(denies)} applies (conditions we cannot judge)";

    public override string ToString() => $"{PolicyType}: {Reason}";
}
