using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads an account's <c>iam/</c> folder: the authorization details (users, groups, roles and
/// policies) and the credential report, which is attached to each user it names.
/// </summary>
internal static class IamFiles
{
    public static void Read(string accountDirectory, string account, Action<Resource> add, Action<string, Exception> failed)
    {
        var reportPath = SnapshotLayout.CredentialReport(accountDirectory);
        Dictionary<string, System.Text.Json.JsonElement> report = [];
        if (File.Exists(reportPath))
        {
            try
            {
                report = CredentialReports.Read(reportPath);
            }
            catch (Exception ex) when (ex is SnapshotFormatException or IOException or CsvHelper.CsvHelperException)
            {
                failed(reportPath, ex);
            }
        }
        foreach (var (arn, row) in report.Where(r => r.Key == RootArn(account)))
        {
            // The root user is no IAM entity (the authorization details never list it): the account stands for it.
            add(new Resource
            {
                Type = ResourceTypeNames.Account,
                Arn = arn,
                Id = account,
                Name = "root user",
                AccountId = account,
                Region = "global",
                SupplementaryConfiguration = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.OrdinalIgnoreCase)
                {
                    [CredentialReports.SupplementaryKey] = row,
                },
            });
        }
        var detailsPath = SnapshotLayout.AuthorizationDetails(accountDirectory);
        if (!File.Exists(detailsPath))
        {
            return;
        }
        try
        {
            using var document = AwsJson.Open(detailsPath);
            var body = AwsJson.Body(document.RootElement);
            if (JsonPath.Find(body, "IsTruncated") is { ValueKind: System.Text.Json.JsonValueKind.True })
            {
                // One page of several: what is missing could be the admin. Read it, but do not call the account clean.
                failed(detailsPath, new SnapshotFormatException($"{detailsPath}: IsTruncated is true: only the first page of the authorization details was saved"));
            }
            foreach (var resource in AuthorizationDetails.ToResources(body))
            {
                add(report.TryGetValue(resource.Arn, out var row)
                    ? resource with { SupplementaryConfiguration = WithEntry(resource, CredentialReports.SupplementaryKey, row) }
                    : resource);
            }
        }
        catch (Exception ex) when (ex is SnapshotFormatException or IOException or FormatException or System.Text.Json.JsonException)
        {
            failed(detailsPath, ex);
        }
    }

    private static string RootArn(string account) => $"arn:aws:iam::{account}:root";

    private static Dictionary<string, System.Text.Json.JsonElement> WithEntry(Resource resource, string key, System.Text.Json.JsonElement value) =>
        new(resource.SupplementaryConfiguration, StringComparer.OrdinalIgnoreCase) { [key] = value };
}
