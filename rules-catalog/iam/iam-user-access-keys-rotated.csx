// id: iam-user-access-keys-rotated
// title: Active IAM user access keys were rotated within the allowed age
// severity: medium
// resource-types: AWS::IAM::User
// rationale: A long-lived access key is the credential most often leaked (in code, logs and laptops) and the least often noticed; rotating keys bounds how long a leaked one works.
// remediation: Create a new key, move its users to it, then deactivate and delete the old one (`aws iam create-access-key --user-name NAME`, `aws iam update-access-key --access-key-id ID --status Inactive`, `aws iam delete-access-key --access-key-id ID`); the age limit is set in guardrails.yaml (rules: iam-user-access-keys-rotated: maxAgeDays).
// controls: CIS AWS Foundations 1.14, AWS FSBP IAM.3
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
// param: maxAgeDays (integer, 1 to 3650) = 90: an active access key older than this many days fails

if (Resource.Supplementary("CredentialReport") is not { ValueKind: JsonValueKind.Object } report)
{
    return Skip($"no credential report was collected for user {Resource.DisplayName}");
}
var maxAgeDays = Params.Number("maxAgeDays");
var stale = new List<string>();
foreach (var n in new[] { 1, 2 })
{
    if (JsonPath.Find(report, $"access_key_{n}_active")?.GetString() != "true")
    {
        continue;
    }
    var rotated = JsonPath.Find(report, $"access_key_{n}_last_rotated")?.GetString();
    if (!DateTimeOffset.TryParse(rotated, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
    {
        stale.Add($"access key {n} (last rotated '{rotated}', which cannot be read)");
    }
    else if (Now - when > TimeSpan.FromDays(maxAgeDays))
    {
        stale.Add($"access key {n} (last rotated {when:yyyy-MM-dd}, {(int)(Now - when).TotalDays} days ago)");
    }
}
return stale.Count == 0
    ? Pass($"user {Resource.DisplayName} has no active access key older than {maxAgeDays} days")
    : Fail($"user {Resource.Arn} has active {string.Join(" and ", stale)}, over the {maxAgeDays}-day limit. Fix: create a new key, switch to it, then deactivate and delete the old one", Evidence.Fields(report, "access_key_1_active", "access_key_1_last_rotated", "access_key_2_active", "access_key_2_last_rotated").And("maxAgeDays", maxAgeDays));
