// id: iam-user-console-requires-mfa
// title: IAM users with a console password have MFA enabled
// severity: high
// resource-types: AWS::IAM::User
// rationale: A console password alone falls to phishing, reuse and guessing; a second factor keeps a stolen password from becoming a session in the account.
// remediation: Enable an MFA device for the user (`aws iam enable-mfa-device`, or the console: IAM > Users > Security credentials > Assign MFA device), or remove the console password if the user does not need one (`aws iam delete-login-profile --user-name NAME`).
// controls: CIS AWS Foundations 1.10, AWS FSBP IAM.5
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

if (Resource.Supplementary("CredentialReport") is not { ValueKind: JsonValueKind.Object } report)
{
    return Skip($"no credential report was collected for user {Resource.DisplayName}");
}
var password = JsonPath.Find(report, "password_enabled")?.GetString();
var mfa = JsonPath.Find(report, "mfa_active")?.GetString();
return password == "true" && mfa == "false"
    ? Fail($"user {Resource.Arn} can sign in to the console with a password and has no MFA device. Fix: assign an MFA device, or delete the login profile if console access is not needed", Evidence.Fields(report, "password_enabled", "mfa_active"))
    : Pass($"user {Resource.DisplayName} has MFA or no console password (password_enabled={password}, mfa_active={mfa})");
