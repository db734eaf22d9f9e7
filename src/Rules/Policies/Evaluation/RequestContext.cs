namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One concrete request as IAM sees it: the action, the resource's ARN and the request context's keys,
/// each single- or multi-valued. Key names compare case-insensitively, as AWS compares them; a key that is
/// not set is absent from the request (which is what <c>...IfExists</c>, <c>Null</c> and the set
/// qualifiers test), never an empty string.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-reqcontext.html
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, IReadOnlyList<string>> _keys = new(StringComparer.OrdinalIgnoreCase);

    public RequestContext(string action, string resource)
    {
        Action = action;
        Resource = resource;
    }

    /// <summary><c>service:Action</c>, as the request names it.</summary>
    public string Action { get; }

    /// <summary>The resource's ARN (<c>*</c> for an action that takes no resource).</summary>
    public string Resource { get; }

    /// <summary>The keys set, for a report.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Keys => _keys;

    /// <summary>Sets a single-valued key (a null value leaves it absent).</summary>
    public RequestContext With(string key, string? value)
    {
        if (value is not null)
        {
            _keys[key] = [value];
        }
        return this;
    }

    /// <summary>Sets a multivalued key (<c>aws:TagKeys</c>, <c>aws:PrincipalOrgPaths</c>); an empty list is present but empty.</summary>
    public RequestContext WithValues(string key, params IEnumerable<string> values)
    {
        _keys[key] = values.ToArray();
        return this;
    }

    /// <summary>The key's values, or null when the request does not carry it.</summary>
    public IReadOnlyList<string>? Get(string key) => _keys.TryGetValue(key, out var values) ? values : null;

    /// <summary>A single value, or null when absent.</summary>
    public string? Single(string key) => Get(key) is [var one, ..] ? one : null;

    public override string ToString() => $"{Action} on {Resource}";
}
