using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// The root user is no IAM entity, so the authorization details never list it: the credential
/// report's &lt;root_account&gt; row becomes the account's resource, and iam-root-no-access-keys judges it.
/// </summary>
public sealed class RootUserTests
{
    // The columns of a credential report, as AWS documents them
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html).
    private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
                                  + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                                  + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
                                  + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    [Fact]
    public void ARootAccessKeyInTheCredentialReportFailsAndAnAccountWithoutOnePasses()
    {
        using var snapshot = new HandMadeSnapshot();
        snapshot.Bucket("111111111111", "acme-orders", HandMadeSnapshot.CompliantTags("acme"))
            .Bucket("333333333333", "globex-orders", HandMadeSnapshot.CompliantTags("globex"));
        WriteReport(snapshot, "111111111111", rootKeyActive: true);
        WriteReport(snapshot, "333333333333", rootKeyActive: false);

        var run = GuardrailsProcess.Run(snapshot.Root, "scan", "--snapshot", ".", "--out", snapshot.Out, "--include-passes",
            "--rules", Path.Combine(RepoPaths.Catalog, "iam"), "--rules", Path.Combine(RepoPaths.Catalog, "tagging"));

        Assert.True(run.ExitCode == 0, run.Error);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(snapshot.Out, "findings.json")));
        var root = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("resourceArn").GetString()!.EndsWith(":root", StringComparison.Ordinal))
            .ToList();
        var verdicts = root.ToDictionary(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("accountId").GetString()), f => f.GetProperty("verdict").GetString());
        Assert.Equal("fail", verdicts[("iam-root-no-access-keys", "111111111111")]);
        Assert.Equal("pass", verdicts[("iam-root-no-access-keys", "333333333333")]);
        // The root user cannot be tagged: no tagging rule judges it.
        Assert.All(root, f => Assert.Equal("iam-root-no-access-keys", f.GetProperty("ruleId").GetString()));
    }

    private static void WriteReport(HandMadeSnapshot snapshot, string account, bool rootKeyActive)
    {
        var iam = Directory.CreateDirectory(Path.Combine(snapshot.Root, account, "iam")).FullName;
        var key = rootKeyActive ? "true,2025-02-01T10:00:00+00:00,2026-10-30T08:00:00+00:00,eu-west-1,s3" : "false,N/A,N/A,N/A,N/A";
        File.WriteAllText(Path.Combine(iam, "credential-report.csv"),
            $"{Header}\n<root_account>,arn:aws:iam::{account}:root,2021-01-01T00:00:00+00:00,not_supported,2026-10-01T00:00:00+00:00,not_supported,not_supported,true,"
            + $"{key},false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
    }
}
