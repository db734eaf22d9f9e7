namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The few AWS managed policies whose meaning must not depend on whether the collector captured their
/// text: a principal with AdministratorAccess attached is an administrator even when the snapshot holds
/// only AWS Config items, which carry the attachment but not AWS's policy.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html
/// </summary>
internal static class WellKnownPolicies
{
    private static readonly Dictionary<string, string> Documents = new(StringComparer.Ordinal)
    {
        ["arn:aws:iam::aws:policy/AdministratorAccess"] =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""",
        // IAMFullAccess also grants read-only organizations:* actions, which change nothing we judge.
        ["arn:aws:iam::aws:policy/IAMFullAccess"] =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}""",
    };

    public static PolicyDocument? Find(string policyArn, string name) =>
        Documents.TryGetValue(ForCommercialPartition(policyArn), out var text)
            ? PolicyDocument.Parse(text, $"managed policy {name} (AWS's text, built in)")
            : null;

    private static string ForCommercialPartition(string arn) =>
        arn.StartsWith("arn:aws-", StringComparison.Ordinal) ? "arn:aws:" + arn[(arn.IndexOf(':', 4) + 1)..] : arn;
}
