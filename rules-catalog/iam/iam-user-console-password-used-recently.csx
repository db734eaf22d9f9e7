// id: iam-user-console-password-used-recently
// title: IAM users' console passwords have been used within the allowed number of days
// severity: medium
// resource-types: AWS::IAM::User
// rationale: A console password nobody uses is a standing way into the account that no one would miss: a leaked or guessed one goes unnoticed. A password never used counts from when it was last changed (or, failing that, from the user's creation). Read from the credential report row (password_enabled, password_last_used, password_last_changed, user_creation_time).
// remediation: Delete the unused password (`aws iam delete-login-profile --user-name NAME`); give it back when the person needs the console again. The limit is the one of unused access keys (guardrails.yaml, rules: iam-user-access-keys-used-recently: maxUnusedDays).
// controls: CIS AWS Foundations 1.12, AWS FSBP IAM.22
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
// param: maxUnusedDays from iam-user-access-keys-used-recently

if (Resource.Supplementary("CredentialReport") is not { ValueKind: JsonValueKind.Object } report)
{
    return Skip($"no credential report was collected for user {Resource.DisplayName}");
}
if (JsonPath.Find(report, "password_enabled")?.GetString() != "true")
{
    return Pass($"user {Resource.DisplayName} has no console password");
}
var maxDays = Params.Number("maxUnusedDays");
var used = CredentialReport.Date(report, "password_last_used");
var since = used ?? CredentialReport.Date(report, "password_last_changed") ?? CredentialReport.Date(report, "user_creation_time");
var what = since is not { } s ? "has a console password whose use cannot be dated"
    : used is null ? $"has a console password never used since {s:yyyy-MM-dd}" : $"last used its console password on {s:yyyy-MM-dd}";
return since is { } when && Now - when <= TimeSpan.FromDays(maxDays)
    ? Pass($"user {Resource.DisplayName} {what}, within {maxDays} days")
    : Fail($"user {Resource.Arn} {what}, over {maxDays} days ago. Fix: aws iam delete-login-profile --user-name {Resource.DisplayName}", Evidence.Fields(report, "password_enabled", "password_last_used", "password_last_changed", "user_creation_time").And("maxUnusedDays", maxDays));
