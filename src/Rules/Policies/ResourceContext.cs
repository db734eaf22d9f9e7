namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// What a resource's own policy knows of every request to it: the resource's account. A condition on
/// aws:ResourceAccount (or s3:ResourceAccount) in that policy is decided before any request comes: one
/// that names the owner always holds (so it pins nothing), one that names another account never does,
/// and its statement grants nothing.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
/// </summary>
internal static class ResourceContext
{
    private static readonly string[] OwnerKeys = ["aws:ResourceAccount", "s3:ResourceAccount"];

    /// <summary>Whether a condition on the owner's account rules the statement out for every request.</summary>
    public static bool NeverApplies(PolicyStatement statement, string ownerAccount)
    {
        foreach (var condition in statement.Conditions)
        {
            var key = OwnerKeys.FirstOrDefault(condition.IsKey);
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
}
