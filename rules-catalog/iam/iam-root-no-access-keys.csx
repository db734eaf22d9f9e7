// id: iam-root-no-access-keys
// title: The root user has no active access keys
// severity: critical
// resource-types: AWS::::Account
// rationale: A root access key can do anything in the account, cannot be limited by any policy (SCPs aside), and is a long-lived secret that leaks like any other. The root user is judged from the <root_account> row of the credential report, attached as supplementaryConfiguration.CredentialReport to the account's AWS::::Account resource (ARN arn:aws:iam::ACCOUNT:root); an account whose report was not collected is skipped.
// remediation: Sign in as root, then delete its access keys (IAM console > Security credentials > Access keys > Delete); use IAM roles for automation instead.
// controls: CIS AWS Foundations 1.4, AWS FSBP IAM.4
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

if (!Resource.Arn.EndsWith(":root", StringComparison.Ordinal))
{
    return Skip($"{Resource.DisplayName} is not the root user");
}
if (Resource.Supplementary("CredentialReport") is not { ValueKind: JsonValueKind.Object } report)
{
    return Skip($"no credential report row was collected for the root user of account {Resource.AccountId}");
}
var active = new[] { 1, 2 }.Where(n => JsonPath.Find(report, $"access_key_{n}_active")?.GetString() == "true").ToList();
return active.Count == 0
    ? Pass($"the root user of account {Resource.AccountId} has no active access key")
    : Fail($"the root user of account {Resource.AccountId} has active access key {string.Join(" and ", active)}. Fix: sign in as root and delete the key(s); use IAM roles for automation", Evidence.Fields(report, "access_key_1_active", "access_key_2_active"));
