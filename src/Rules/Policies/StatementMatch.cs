namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Whether a statement's Action/NotAction and Resource/NotResource reach a question's actions and
/// resources, as IAM matches them. A question is itself a pattern (<c>iam:Create*</c>, <c>arn:*:*:*:123:*</c>), so
/// an Allow must name <em>all</em> of it (it grants) and a Deny need only name <em>some</em> of it (it may take
/// away), which keeps both answers on the safe side.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
/// </summary>
internal static class StatementMatch
{
    /// <summary>An Allow names every action the question names.</summary>
    public static bool AllowNamesAll(PolicyStatement s, string action) =>
        s.NotActions.Count > 0
            ? !Any(s.RealNotActions, action, Wildcard.ActionsOverlap)
            : Any(s.Actions, action, Wildcard.ActionCovers);

    /// <summary>
    /// A Deny names some action the question names. Its NotAction is taken as written, names that match
    /// nothing included: had our service list gone stale, dropping them would deny everything and could
    /// turn a Fail into a Pass.
    /// </summary>
    public static bool DenyNamesSome(PolicyStatement s, string action) =>
        s.NotActions.Count > 0
            ? !Any(s.NotActions, action, Wildcard.ActionCovers)
            : Any(s.Actions, action, Wildcard.ActionsOverlap);

    /// <summary>A Deny names every action the question names (its NotAction taken as written).</summary>
    public static bool DenyNamesAll(PolicyStatement s, string action) =>
        s.NotActions.Count > 0
            ? !Any(s.NotActions, action, Wildcard.ActionsOverlap)
            : Any(s.Actions, action, Wildcard.ActionCovers);

    public static bool AllowReachesSome(PolicyStatement s, string resource) =>
        s.NotResources.Count > 0
            ? !Any(s.RealNotResources, resource, Wildcard.ResourceCovers)
            : Any(s.Resources, resource, Wildcard.ResourcesOverlap);

    public static bool AllowReachesAll(PolicyStatement s, string resource) =>
        s.NotResources.Count > 0
            ? !Any(s.RealNotResources, resource, Wildcard.ResourcesOverlap)
            : Any(s.Resources, resource, Wildcard.ResourceCovers);

    public static bool DenyReachesAll(PolicyStatement s, string resource) =>
        s.NotResources.Count > 0
            ? !Any(s.NotResources, resource, Wildcard.ResourcesOverlap)
            : Any(s.Resources, resource, Wildcard.ResourceCovers);

    public static bool DenyReachesSome(PolicyStatement s, string resource) =>
        s.NotResources.Count > 0
            ? !Any(s.NotResources, resource, Wildcard.ResourceCovers)
            : Any(s.Resources, resource, Wildcard.ResourcesOverlap);

    /// <summary>
    /// Whether a pattern matches the question: a loop, not <c>Any</c> with a lambda, which made a closure, a delegate and
    /// an enumerator of the boxed list for each of the millions of questions the graph and the rules ask.
    /// </summary>
    private static bool Any(IReadOnlyList<string> patterns, string question, Func<string, string, bool> match)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (match(patterns[i], question))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An Allow that grants every action on every resource, by Action/Resource or through a NotAction/NotResource that excludes nothing.</summary>
    public static bool IsAdmin(PolicyStatement s) => s.IsAllow && NamesEveryAction(s) && ReachesEveryResource(s);

    /// <summary>
    /// <c>"*"</c> among the actions, or a NotAction of names that match nothing: what <see cref="AllowNamesAll"/>
    /// answers for <c>"*"</c>, without globbing (the per-policy rules ask it of every statement).
    /// </summary>
    public static bool NamesEveryAction(PolicyStatement s) =>
        s.NotActions.Count > 0 ? s.RealNotActions.Count == 0 : s.Actions.Any(AllStars);

    /// <summary><c>"*"</c> among the resources, or a NotResource of patterns that match no ARN.</summary>
    public static bool ReachesEveryResource(PolicyStatement s) =>
        s.NotResources.Count > 0 ? s.RealNotResources.Count == 0 : s.Resources.Any(AllStars);

    private static bool AllStars(string pattern)
    {
        var text = pattern.AsSpan().Trim();
        return text.Length > 0 && !text.ContainsAnyExcept('*');
    }

    /// <summary>
    /// Whether an action pattern can name a real action: <c>*</c>, or <c>service:pattern</c> that names an action of
    /// AWS's service reference. <c>prowler:action</c>, <c>s3:GetObjects</c> and <c>iam</c> (no colon) name nothing.
    /// </summary>
    public static bool ActionNamesSomething(string pattern)
    {
        var text = pattern.Trim();
        if (text.Length > 0 && text.All(c => c == '*'))
        {
            return true;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        return ServiceCatalog.NamesAnyAction(text);
    }

    /// <summary>
    /// Whether a resource pattern can match a resource: <c>*</c> or an ARN pattern. Every resource IAM
    /// evaluates is named by an ARN, so <c>prowler:resource</c> matches none.
    /// </summary>
    public static bool ResourceNamesSomething(string pattern)
    {
        var text = pattern.Trim();
        return text.Length > 0 && (text.All(c => c == '*') || Wildcard.Overlap(text, "arn:*", ignoreCase: false));
    }
}
