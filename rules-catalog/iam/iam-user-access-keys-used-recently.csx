// id: iam-user-access-keys-used-recently
// title: Active IAM user access keys have been used within the allowed number of days
// severity: medium
// resource-types: AWS::IAM::User
// rationale: An active key nobody uses is a standing credential with no owner watching it: if it leaks, nothing breaks and nobody notices. A key never used counts from its creation (last rotation). Read from the credential report row (access_key_N_last_used_date, access_key_N_last_rotated).
// remediation: Deactivate, then delete the unused key (`aws iam update-access-key --user-name NAME --access-key-id ID --status Inactive`, `aws iam delete-access-key ...`); the limit is set in guardrails.yaml (rules: iam-user-access-keys-used-recently: maxUnusedDays).
// controls: CIS AWS Foundations 1.12, AWS FSBP IAM.22
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
// param: maxUnusedDays (integer, 1 to 3650) = 45: an active access key or console password unused for more than this many days fails

if (Resource.Supplementary("CredentialReport") is not { ValueKind: JsonValueKind.Object } report)
{
    return Skip($"no credential report was collected for user {Resource.DisplayName}");
}
var maxDays = Params.Number("maxUnusedDays");
var unused = new List<string>();
foreach (var n in new[] { 1, 2 }.Where(n => JsonPath.Find(report, $"access_key_{n}_active")?.GetString() == "true"))
{
    var used = CredentialReport.Date(report, $"access_key_{n}_last_used_date");
    var since = used ?? CredentialReport.Date(report, $"access_key_{n}_last_rotated");
    if (since is null || Now - since.Value > TimeSpan.FromDays(maxDays))
    {
        var when = since is { } s ? $"{s:yyyy-MM-dd}" : "an unreadable date";
        unused.Add(used is null ? $"access key {n} (never used, created {when})" : $"access key {n} (last used {when})");
    }
}
return unused.Count == 0
    ? Pass($"user {Resource.DisplayName} has no active access key unused for over {maxDays} days")
    : Fail($"user {Resource.Arn} has active {string.Join(" and ", unused)}, unused for over {maxDays} days. Fix: deactivate and delete the key(s)", Evidence.Fields(report, "access_key_1_active", "access_key_1_last_used_date", "access_key_1_last_rotated", "access_key_2_active", "access_key_2_last_used_date", "access_key_2_last_rotated").And("maxUnusedDays", maxDays));
