using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Where the tag an ABAC grant depends on sits, and so who could move it.</summary>
public enum AbacTagOn
{
    /// <summary>On the resource acted on (<c>aws:ResourceTag</c>, <c>svc:ResourceTag</c>, <c>aws:RequestTag</c>): moved by the service's tagging actions.</summary>
    Resource,
    /// <summary>On an S3 object (<c>s3:ExistingObjectTag</c>): moved by the object tagging actions.</summary>
    Object,
    /// <summary>On the caller itself (<c>aws:PrincipalTag</c>): moved by iam:TagUser / iam:TagRole on itself.</summary>
    Principal,
}

/// <summary>
/// An Allow statement that grants access on condition of a tag (attribute-based access control): the statement,
/// the tag key and where the tag sits. A statement that compares <c>aws:ResourceTag/customer</c> with
/// <c>${aws:PrincipalTag/customer}</c> depends on two tags, so is two grants.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html
/// </summary>
public sealed partial record AbacGrant(PolicyStatement Statement, string Key, AbacTagOn On)
{
    /// <summary>"aws:ResourceTag/customer" for a message.</summary>
    public string KeyText => On switch
    {
        AbacTagOn.Principal => $"aws:PrincipalTag/{Key}",
        AbacTagOn.Object => $"s3:ExistingObjectTag/{Key}",
        _ => $"aws:ResourceTag/{Key}",
    };

    /// <summary>The tag grants of the Allow statements of these policies, each (statement, key, place) once.</summary>
    public static IReadOnlyList<AbacGrant> In(IEnumerable<PolicyDocument> policies) =>
        [.. policies.SelectMany(p => p.Statements).Where(s => s.IsAllow).SelectMany(Of).Distinct()];

    /// <summary>The tags one statement's conditions and Resource element depend on.</summary>
    public static IEnumerable<AbacGrant> Of(PolicyStatement statement)
    {
        foreach (var condition in statement.Conditions)
        {
            if (TagKey().Match(condition.Key) is { Success: true } key)
            {
                yield return new(statement, key.Groups["key"].Value, PlaceOf(key.Groups["kind"].Value));
            }
            foreach (var value in condition.Values)
            {
                foreach (Match variable in PrincipalTagVariable().Matches(value))
                {
                    yield return new(statement, variable.Groups["key"].Value.Trim(), AbacTagOn.Principal);
                }
            }
        }
        foreach (var resource in statement.Resources)
        {
            foreach (Match variable in PrincipalTagVariable().Matches(resource))
            {
                yield return new(statement, variable.Groups["key"].Value.Trim(), AbacTagOn.Principal);
            }
        }
    }

    /// <summary>Whether a condition tests this grant's tag (its key, or a policy variable naming it).</summary>
    internal bool IsTestedBy(PolicyCondition condition) =>
        Of(new PolicyStatement { Effect = PolicyEffect.Allow, Conditions = [condition] }).Any(g => g.Key == Key && g.On == On);

    private static AbacTagOn PlaceOf(string kind) => kind.ToUpperInvariant() switch
    {
        "PRINCIPALTAG" => AbacTagOn.Principal,
        "EXISTINGOBJECTTAG" or "REQUESTOBJECTTAG" => AbacTagOn.Object,
        _ => AbacTagOn.Resource,
    };

    // aws:ResourceTag/K, secretsmanager:ResourceTag/K, aws:PrincipalTag/K, aws:RequestTag/K, s3:ExistingObjectTag/K.
    [GeneratedRegex(@"^[a-z0-9-]+:(?<kind>ResourceTag|PrincipalTag|RequestTag|ExistingObjectTag|RequestObjectTag)/(?<key>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagKey();

    // ${aws:PrincipalTag/K} or ${aws:PrincipalTag/K, 'default'}.
    [GeneratedRegex(@"\$\{\s*aws:PrincipalTag/(?<key>[^},]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalTagVariable();
}
