using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The metadata of a rule: the flat <c>// key: value</c> lines at the top of its script, readable
/// without compiling anything.
/// </summary>
public sealed record RuleHeader
{
    /// <summary>The header keys a rule may use; anything else is a mistake a lint names.</summary>
    public static readonly IReadOnlySet<string> KnownKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "title", "severity", "resource-types", "remediation", "rationale", "controls", "references", "param", "tune",
    };

    public static readonly IReadOnlyList<string> Families = ["tagging", "segregation", "iam", "quotas"];

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>CloudFormation type names, or "*" for every resource type that can carry tags.</summary>
    public required IReadOnlyList<string> ResourceTypes { get; init; }
    public required string Remediation { get; init; }
    public string Rationale { get; init; } = "";
    public IReadOnlyList<string> Controls { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>What guardrails.yaml may set for this rule (<c>// param:</c> lines), each with its default.</summary>
    public IReadOnlyList<RuleParameter> Parameters { get; init; } = [];
    /// <summary>
    /// The parameters that hold the organisation's own vocabulary (allowed environments, owner domains):
    /// the rule is opinionated until they are set in guardrails.yaml, and says so (<c>// tune:</c>).
    /// </summary>
    public IReadOnlyList<string> Tune { get; init; } = [];

    /// <summary>The family is the first word of the id (<c>iam-policy-no-admin-wildcard</c> is iam).</summary>
    public string Family
    {
        get
        {
            // Asked for every evaluation: one of the known families without making a string.
            var dash = Id.IndexOf('-', StringComparison.Ordinal);
            var head = dash < 0 ? Id.AsSpan() : Id.AsSpan(0, dash);
            foreach (var family in Families)
            {
                if (head.SequenceEqual(family))
                {
                    return family;
                }
            }
            return head.ToString();
        }
    }

    /// <summary>Whether the rule judges resources of this type.</summary>
    public bool AppliesTo(string resourceType)
    {
        var everyType = false;
        for (var i = 0; i < ResourceTypes.Count; i++)
        {
            if (string.Equals(ResourceTypes[i], resourceType, StringComparison.Ordinal))
            {
                return true;
            }
            everyType |= ResourceTypes[i] == "*";
        }
        return everyType && !Untaggable.Contains(resourceType);
    }

    /// <summary>
    /// Types "*" leaves out: the ones the scanner makes up, and IAM groups, which AWS does not let anyone tag
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html), so a tagging finding on one could never be fixed.
    /// </summary>
    public static readonly IReadOnlySet<string> Untaggable = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceTypeNames.Quota, ResourceTypeNames.Account, "AWS::IAM::Group",
    };
}
