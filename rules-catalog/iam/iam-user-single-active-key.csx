// id: iam-user-single-active-key
// title: IAM users have at most one active access key
// severity: low
// resource-types: AWS::IAM::User
// rationale: Two active keys are meant only for the minutes of a rotation; left so, the old key keeps working wherever it leaked and nobody knows which one is in use. Read from the credential report row (access_key_1_active, access_key_2_active).
// remediation: Find the key still in use (access_key_N_last_used_date), then deactivate and delete the other (`aws iam update-access-key --user-name NAME --access-key-id ID --status Inactive`, `aws iam delete-access-key ...`).
// controls: CIS AWS Foundations 1.13
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

if (Resource.Supplementary("CredentialReport") is not { ValueKind: JsonValueKind.Object } report)
{
    return Skip($"no credential report was collected for user {Resource.DisplayName}");
}
var active = new[] { 1, 2 }.Count(n => JsonPath.Find(report, $"access_key_{n}_active")?.GetString() == "true");
return active <= 1
    ? Pass($"user {Resource.DisplayName} has {active} active access key{(active == 1 ? "" : "s")}")
    : Fail($"user {Resource.Arn} has two active access keys. Fix: keep the one in use, deactivate and delete the other", Evidence.Fields(report, "access_key_1_active", "access_key_2_active"));
