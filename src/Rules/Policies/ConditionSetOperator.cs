namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The set qualifier of a condition operator on a multivalued key.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// </summary>
public enum ConditionSetOperator
{
    None,
    ForAnyValue,
    ForAllValues,
}
