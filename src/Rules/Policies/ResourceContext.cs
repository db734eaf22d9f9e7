namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// What a resource's own policy knows of every request to it: the resource's account. A condition on
/// aws:ResourceAccount (or s3:ResourceAccount) in that policy is decided before any request comes: one
/// that names the owner always holds (so it pins nothing), one that names another account never does,
/// and its statement grants nothing. Likewise an ARN test of aws:SourceArn or aws:PrincipalArn whose every
/// value is a plain string that does not even begin as an ARN (a Lambda permission's SourceArn <c>lambda.amazonaws.com</c>):
/// those keys always hold a whole ARN, and ArnEquals/ArnLike compare its six segments, so it never matches.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
/// </summary>
internal static class ResourceContext
{
    private static readonly string[] OwnerKeys = ["aws:ResourceAccount", "s3:ResourceAccount"];

    private static readonly string[] ArnKeys = ["aws:SourceArn", "aws:PrincipalArn"];

    private static readonly string[] ArnOperators = ["ArnEquals", "ArnLike"];

    /// <summary>Whether a condition rules the statement out for every request to the owner's resource.</summary>
    public static bool NeverApplies(PolicyStatement statement, string ownerAccount)
    {
        foreach (var condition in statement.Conditions)
        {
            if (NamesNoArn(condition))
            {
                return true;
            }
            var key = OwnerKey(condition);
            if (key is null || condition.Set != ConditionSetOperator.None)
            {
                continue;
            }
            var request = new RequestContext("*", "*").With(key, ownerAccount);
            if (ConditionEvaluator.Evaluate(condition, request) == false)
            {
                return true;
            }
        }
        return false;
    }

    private static string? OwnerKey(PolicyCondition condition)
    {
        foreach (var key in OwnerKeys)
        {
            if (condition.IsKey(key))
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>A positive ARN test of a key that always holds an ARN, against values none of which can be one.</summary>
    private static bool NamesNoArn(PolicyCondition condition) =>
        AccountPins.IsAnyKey(condition, ArnKeys) && condition.Set == ConditionSetOperator.None && !condition.IfExists
        && ArnOperators.Contains(condition.BaseOperator, StringComparer.OrdinalIgnoreCase)
        && condition.Values.Count > 0
        && condition.Values.All(v => v.IndexOfAny(['*', '?', '$']) < 0 && !v.Trim().StartsWith("arn:", StringComparison.OrdinalIgnoreCase));
}
