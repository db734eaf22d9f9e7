using System.Text;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes <c>iam/credential-report.csv</c>, the decoded <c>aws iam get-credential-report</c>: AWS's header, the root
/// account first, then one row per user, with "N/A", "not_supported" and "no_information" where AWS writes them.
/// </summary>
internal static class CredentialReportWriter
{
    public const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
        "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
        "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
        "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private const string NotApplicable = "N/A";

    public static void Write(AccountContext context, IamModel model)
    {
        var path = SnapshotLayout.CredentialReport(context.Directory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        writer.WriteLine(Header);
        var created = context.DaysAgo(1500, 2500);
        writer.WriteLine(string.Join(',',
            "<root_account>", $"arn:aws:iam::{context.Id}:root", Iso.CredentialReport(created),
            "not_supported", Iso.CredentialReport(context.DaysAgo(20, 200)), "not_supported", "not_supported", "true",
            "false", NotApplicable, NotApplicable, NotApplicable, NotApplicable,
            "false", NotApplicable, NotApplicable, NotApplicable, NotApplicable,
            "false", NotApplicable, "false", NotApplicable));
        foreach (var user in model.Users)
        {
            var c = user.Credentials;
            var fields = new List<string>
            {
                user.Name, user.Arn, Iso.CredentialReport(user.Created),
                Bool(c.Password),
                c.Password ? Date(c.PasswordLastUsed, "no_information") : NotApplicable,
                c.Password && c.PasswordChanged is { } changed ? Iso.CredentialReport(changed) : NotApplicable,
                NotApplicable,
                Bool(c.Mfa),
            };
            Key(fields, c.Key1);
            Key(fields, c.Key2);
            fields.AddRange(["false", NotApplicable, "false", NotApplicable]);
            writer.WriteLine(string.Join(',', fields));
        }
    }

    private static void Key(List<string> fields, IamAccessKey? key)
    {
        if (key is null)
        {
            fields.AddRange(["false", NotApplicable, NotApplicable, NotApplicable, NotApplicable]);
            return;
        }
        fields.Add(Bool(key.Active));
        fields.Add(Iso.CredentialReport(key.Rotated));
        fields.Add(Date(key.LastUsed, NotApplicable));
        fields.Add(key.Region ?? NotApplicable);
        fields.Add(key.Service ?? NotApplicable);
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Date(DateTimeOffset? time, string otherwise) => time is { } t ? Iso.CredentialReport(t) : otherwise;
}
