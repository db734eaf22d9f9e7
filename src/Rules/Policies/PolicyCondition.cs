namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One key test of a statement's <c>Condition</c> block: <c>"StringEquals": {"aws:SourceAccount": ["1", "2"]}</c>
/// is <c>PolicyCondition("StringEquals", "aws:SourceAccount", ["1", "2"])</c>. The values are ORed; AWS
/// compares keys case-insensitively. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    private readonly IReadOnlyList<string> _values = Frozen.List(Values);

    public IReadOnlyList<string> Values { get => _values; init => _values = Frozen.List(value); }

    private const string IfExistsSuffix = "IfExists";

    /// <summary>ForAnyValue: or ForAllValues:, when the operator carries one.</summary>
    public ConditionSetOperator Set =>
        Operator.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase) ? ConditionSetOperator.ForAnyValue
        : Operator.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase) ? ConditionSetOperator.ForAllValues
        : ConditionSetOperator.None;

    /// <summary>The operator without the set qualifier and without IfExists: <c>StringEquals</c> for <c>ForAnyValue:StringEqualsIfExists</c>.</summary>
    public string BaseOperator
    {
        get
        {
            var name = Operator[(Operator.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return IsIfExists(name) ? name[..^IfExistsSuffix.Length] : name;
        }
    }

    /// <summary>
    /// <c>...IfExists</c>: the test passes when the request has no such key.
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
    /// </summary>
    public bool IfExists => IsIfExists(Operator);

    /// <summary>StringNotEquals, ArnNotLike, NotIpAddress...: a test that excludes rather than selects.</summary>
    public bool IsNegated => BaseOperator.Contains("Not", StringComparison.Ordinal);

    /// <summary>Whether this tests the given key (case-insensitive, as AWS compares keys).</summary>
    public bool IsKey(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Operator} {Key} {string.Join("|", Values)}";

    private static bool IsIfExists(string name) => name.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase);
}
