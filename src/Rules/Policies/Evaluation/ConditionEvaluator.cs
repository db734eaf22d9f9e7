namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// A statement's Condition block judged against one concrete request: operators ANDed, keys ANDed, a
/// key's values ORed. The answer is true, false, or null when we cannot tell (an operator we do not know,
/// a value that does not parse): a caller treats null as "may hold" for an Allow and "may not hold" for a
/// Deny, so an unknown condition never turns a Fail into a Pass.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// </summary>
internal static class ConditionEvaluator
{
    /// <summary>Every condition of the statement.</summary>
    public static bool? Evaluate(PolicyStatement statement, RequestContext request)
    {
        bool? all = true;
        foreach (var condition in statement.Conditions)
        {
            var one = Evaluate(condition, request);
            if (one == false)
            {
                return false;
            }
            all = one is null ? null : all;
        }
        return all;
    }

    /// <summary>One key test.</summary>
    public static bool? Evaluate(PolicyCondition condition, RequestContext request)
    {
        var op = ConditionOperators.Find(condition.BaseOperator);
        if (op is null)
        {
            return null;
        }
        var present = request.Get(condition.Key);
        if (op.Value.Kind == OperatorKind.Null)
        {
            // Null: "true" asks that the key be absent, "false" that it be present (an empty set counts as absent).
            var wantsAbsent = condition.Values.Select(v => v.Trim().ToLowerInvariant()).ToList();
            var absent = present is null || present.Count == 0;
            return wantsAbsent.Contains(absent ? "true" : "false") ? true : wantsAbsent.All(v => v is "true" or "false") ? false : null;
        }
        return condition.Set switch
        {
            // ForAllValues: every request value matches some policy value; an absent or empty set passes.
            ConditionSetOperator.ForAllValues => present is null || present.Count == 0 ? true : AllOf(present, v => ValueMatches(op.Value, condition, v, request)),
            // ForAnyValue: some request value matches; an absent or empty set fails.
            ConditionSetOperator.ForAnyValue => present is null || present.Count == 0 ? false : AnyOf(present, v => ValueMatches(op.Value, condition, v, request)),
            _ => Single(op.Value, condition, present, request),
        };
    }

    /// <summary>
    /// A single-valued test. An absent key makes the test false, except that ...IfExists makes it true and
    /// a negated operator (StringNotEquals, NotIpAddress...) is true, since nothing is there to match.
    /// A multivalued key without a set qualifier is true when any of its values matches (IAM's own reading).
    /// </summary>
    private static bool? Single(ConditionOperator op, PolicyCondition condition, IReadOnlyList<string>? present, RequestContext request)
    {
        if (present is null || present.Count == 0)
        {
            return condition.IfExists || op.Negated;
        }
        return AnyOf(present, v => ValueMatches(op, condition, v, request));
    }

    /// <summary>One request value against the policy's values: ORed for a positive operator, NORed for a negated one.</summary>
    private static bool? ValueMatches(ConditionOperator op, PolicyCondition condition, string value, RequestContext request)
    {
        var any = AnyOf(condition.Values, p => ConditionOperators.Compare(op, p, value, request));
        return op.Negated ? !any : any;
    }

    private static bool? AnyOf<T>(IEnumerable<T> items, Func<T, bool?> test)
    {
        bool? result = false;
        foreach (var item in items)
        {
            var one = test(item);
            if (one == true)
            {
                return true;
            }
            result = one is null ? null : result;
        }
        return result;
    }

    private static bool? AllOf<T>(IEnumerable<T> items, Func<T, bool?> test)
    {
        bool? result = true;
        foreach (var item in items)
        {
            var one = test(item);
            if (one == false)
            {
                return false;
            }
            result = one is null ? null : result;
        }
        return result;
    }
}
